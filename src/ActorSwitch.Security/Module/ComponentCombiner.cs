using System.Buffers;
using System.Security.Cryptography;

namespace ActorSwitch.Security.Module;

/// <summary>Dual control: a key is the XOR of two or more clear hex components of the same length.</summary>
internal static class ComponentCombiner
{
    public const int MinimumComponents = 2;

    public static byte[] Combine(IReadOnlyList<string> hexComponents, int keyLength, Func<byte[], string> checkValue,
        out IReadOnlyList<string> componentCheckValues)
    {
        if (hexComponents is null || hexComponents.Count < MinimumComponents)
            throw new SecurityModuleException(SecurityFailure.TooFewComponents,
                $"A key needs at least {MinimumComponents} components, so that no single custodian knows it.");

        var key = new byte[keyLength];
        var component = new byte[keyLength];
        var checkValues = new List<string>(hexComponents.Count);
        try
        {
            for (var index = 0; index < hexComponents.Count; index++)
            {
                var hex = hexComponents[index];
                if (hex is null || hex.Length != 2 * keyLength
                    || Convert.FromHexString(hex, component, out _, out _) != OperationStatus.Done)
                    throw new SecurityModuleException(SecurityFailure.InvalidComponent,
                        $"Component {index + 1} is not {2 * keyLength} hex digits.");
                checkValues.Add(checkValue(component));
                for (var i = 0; i < keyLength; i++)
                    key[i] ^= component[i];
            }

            if (key.AsSpan().IndexOfAnyExcept((byte)0) < 0)
                throw new SecurityModuleException(SecurityFailure.InvalidComponent, "The components cancel out to a zero key.");
            componentCheckValues = checkValues;
            return key;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(key);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(component);
        }
    }

    /// <summary>XOR of components known to be well formed (the documented demo keys).</summary>
    public static byte[] CombineTrusted(IReadOnlyList<string> hexComponents)
    {
        var key = Convert.FromHexString(hexComponents[0]);
        foreach (var hex in hexComponents.Skip(1))
        {
            var component = Convert.FromHexString(hex);
            for (var i = 0; i < key.Length; i++)
                key[i] ^= component[i];
        }

        return key;
    }
}

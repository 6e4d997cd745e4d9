using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Pins;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.Security.Module;

/// <summary>
/// The security module: every key operation of the platform. Keys are <see cref="KeyHandle"/>s; no member
/// returns a clear key or a clear PIN, and the only member returning a PAN is <see cref="DecryptStoredPan"/>.
/// Refusals throw <see cref="SecurityModuleException"/> with a <see cref="SecurityFailure"/>; outcomes a
/// transaction expects (a bad MAC, a bad PIN block, a wrong PIN) are return values. Thread-safe.
/// </summary>
public interface ISecurityModule
{
    /// <summary>Check value of the loaded LMK (6 hex), for operators to confirm which LMK a node runs.</summary>
    string LmkCheckValue { get; }

    // Key management

    KeyHandle GenerateKey(KeySpecification specification);

    /// <summary>Assembles a key from two or more clear hex components (key ceremony under dual control).</summary>
    ComponentKeyLoad LoadKeyFromComponents(KeySpecification specification, IReadOnlyList<string> hexComponents);

    /// <summary>The demo key-loading device's KBPK (TR-31 A.7.4 key); development mode only.</summary>
    KeyHandle LoadDemoKeyLoadingDeviceKbpk();

    /// <summary>Imports a TR-31 block (any version) wrapped under <paramref name="keyEncryptionKey"/>; its header is kept.</summary>
    KeyHandle ImportKey(KeyHandle keyEncryptionKey, string keyBlock);

    /// <summary>Exports an exportable key as TR-31 under a KEK: version D under an AES KEK, B under a TDES KEK unless given.</summary>
    string ExportKey(KeyHandle key, KeyHandle keyEncryptionKey, KeyBlockVersion? version = null);

    /// <summary>Generates a terminal master key and exports it for the key-loading device.</summary>
    TerminalMasterKeyExport GenerateTerminalMasterKey(KeyHandle keyLoadingDeviceKbpk);

    /// <summary>Exports a terminal master key as TR-31 D, header D....K0TB00N0000, under the device's KBPK.</summary>
    TerminalMasterKeyExport ExportTerminalMasterKey(KeyHandle terminalMasterKey, KeyHandle keyLoadingDeviceKbpk);

    /// <summary>Check value of a key: 3 bytes as 6 hex (TDES: zeros encrypted; AES: CMAC of zeros).</summary>
    string CheckValue(KeyHandle key);

    // MACs

    /// <summary>Writes the MAC (8 bytes; ASCII hex for the UnionPay MAC) and returns its length.</summary>
    int GenerateMac(KeyHandle macKey, MacAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> mac);

    bool VerifyMac(KeyHandle macKey, MacAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac);

    // PINs

    /// <summary>
    /// Re-encrypts an ISO format 0 PIN block from a terminal PIN key to a zone PIN key. A block that does not
    /// decode to a valid PIN for the PAN is not translated and its error returned (answer 99).
    /// </summary>
    PinBlockError TranslatePinBlock(KeyHandle sourcePinKey, KeyHandle destinationPinKey, ReadOnlySpan<byte> pinBlock,
        ReadOnlySpan<char> pan, Span<byte> translatedPinBlock);

    /// <summary>Card issuance at the centre: the Visa PVV (4 digits) of a chosen PIN. The PIN goes in, never out.</summary>
    string IssuePinVerificationValue(KeyHandle pinVerificationKey, int pvkIndex, ReadOnlySpan<char> pan, ReadOnlySpan<char> pin);

    /// <summary>Verifies an encrypted PIN block against a stored Visa PVV, so the centre never holds clear PINs.</summary>
    PinVerificationResult VerifyPin(KeyHandle pinKey, ReadOnlySpan<byte> pinBlock, ReadOnlySpan<char> pan,
        KeyHandle pinVerificationKey, int pvkIndex, ReadOnlySpan<char> pvv);

    // Terminals

    /// <summary>Fresh PIK, MAK (and TDK for 004) under the terminal master key for F62, and their handles.</summary>
    SignOnWorkingKeys IssueWorkingKeys(KeyHandle terminalMasterKey, SignOnKeyLayout layout, bool doubleLengthMacKey = false);

    // PBOC purse

    /// <summary>Card key = TDES(MK, F) || TDES(MK, NOT F), F the last 8 bytes of <paramref name="cardSerial"/>.</summary>
    KeyHandle DeriveCardKey(KeyHandle masterKey, ReadOnlySpan<byte> cardSerial);

    /// <summary>Writes the TAC (4 bytes) a card with this serial computes over <paramref name="tacInput"/>.</summary>
    void GenerateTac(KeyHandle tacMasterKey, ReadOnlySpan<byte> cardSerial, ReadOnlySpan<byte> tacInput, Span<byte> tac);

    bool VerifyTac(KeyHandle tacMasterKey, ReadOnlySpan<byte> cardSerial, ReadOnlySpan<byte> tacInput, ReadOnlySpan<byte> tac);

    // Stored card numbers

    /// <summary>AES-GCM encryption of a PAN for storage (base64 of nonce || ciphertext || tag).</summary>
    string EncryptPan(KeyHandle dataKey, ReadOnlySpan<char> pan);

    /// <summary>The one operation that returns a PAN: decrypts a value made by <see cref="EncryptPan"/>.</summary>
    string DecryptStoredPan(KeyHandle dataKey, string storedPan);

    /// <summary>Deterministic keyed token of a PAN (HMAC-SHA256, 32 hex) for look-ups without decrypting.</summary>
    string TokenizePan(KeyHandle dataKey, ReadOnlySpan<char> pan);
}

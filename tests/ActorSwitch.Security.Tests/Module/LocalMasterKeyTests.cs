using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Security.Tests.Module;

public sealed class LocalMasterKeyTests
{
    [Fact]
    public void Two_components_are_xored_and_each_check_value_is_reported()
    {
        var lmk = LocalMasterKey.FromComponents(TestModules.LmkComponents);

        var first = Convert.FromHexString(TestModules.LmkComponents[0]);
        var second = Convert.FromHexString(TestModules.LmkComponents[1]);
        var combined = first.Select((b, i) => (byte)(b ^ second[i])).ToArray();
        Assert.Equal([KeyCheckValue.AesHex(first), KeyCheckValue.AesHex(second)], lmk.ComponentCheckValues);
        Assert.Equal(KeyCheckValue.AesHex(combined), lmk.CheckValue);
        Assert.False(lmk.IsDemo);
        Assert.Equal(lmk.CheckValue, TestModules.Production().LmkCheckValue);
    }

    [Fact]
    public void Three_components_combine_too()
    {
        string[] three = [.. TestModules.LmkComponents, new string('3', 64)];
        var lmk = LocalMasterKey.FromComponents(three);
        Assert.Equal(3, lmk.ComponentCheckValues.Count);
        Assert.NotEqual(LocalMasterKey.FromComponents(TestModules.LmkComponents).CheckValue, lmk.CheckValue);
    }

    [Fact]
    public void One_component_alone_is_refused()
    {
        TestModules.Refusal(() => LocalMasterKey.FromComponents([TestModules.LmkComponents[0]]), SecurityFailure.TooFewComponents);
        TestModules.Refusal(() => new SoftwareSecurityModule(new SecurityModuleOptions { LmkComponents = [TestModules.LmkComponents[0]] }),
            SecurityFailure.TooFewComponents);
    }

    [Theory]
    [InlineData("0123")]
    [InlineData("ZZ23456789ABCDEFFEDCBA98765432100123456789ABCDEFFEDCBA9876543210")]
    public void Malformed_components_are_refused(string component) =>
        TestModules.Refusal(() => LocalMasterKey.FromComponents([TestModules.LmkComponents[0], component]), SecurityFailure.InvalidComponent);

    [Fact]
    public void Components_that_cancel_out_are_refused() =>
        TestModules.Refusal(() => LocalMasterKey.FromComponents([TestModules.LmkComponents[0], TestModules.LmkComponents[0]]),
            SecurityFailure.InvalidComponent);

    [Fact]
    public void Demo_lmk_is_accepted_only_in_development_mode()
    {
        Assert.True(LocalMasterKey.FromComponents(DemoKeys.LmkComponents).IsDemo);
        Assert.NotNull(TestModules.Development());
        TestModules.Refusal(() => new SoftwareSecurityModule(new SecurityModuleOptions { LmkComponents = DemoKeys.LmkComponents }),
            SecurityFailure.DemoKeyOutsideDevelopment);
    }

    [Fact]
    public void Demo_key_loading_device_kbpk_is_refused_outside_development_mode()
    {
        TestModules.Refusal(() => TestModules.Production().LoadDemoKeyLoadingDeviceKbpk(), SecurityFailure.DemoKeyOutsideDevelopment);
        var kbpk = TestModules.Development().LoadDemoKeyLoadingDeviceKbpk();
        Assert.Equal(KeyCheckValue.AesHex(Convert.FromHexString(DemoKeys.KeyLoadingDeviceKbpk)), TestModules.Development().CheckValue(kbpk));
    }

    [Fact]
    public void Lmk_to_string_shows_only_its_check_value()
    {
        var lmk = LocalMasterKey.FromComponents(TestModules.LmkComponents);
        Assert.Equal($"LocalMasterKey(KCV {lmk.CheckValue})", lmk.ToString());
    }
}

namespace ActorSwitch.PosSim.Terminal;

/// <summary>60.3 network management codes the terminal sends (section 4, management table).</summary>
internal static class NetworkCodes
{
    public const int None = 0;
    public const int SignOff = 2;
    public const int Echo = 301;
    public const int Settlement = 201;
    public const int BatchUpload = 201;
}

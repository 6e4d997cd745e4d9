using System.Runtime.InteropServices;

namespace ActorSwitch.LoadRunner;

/// <summary>The machine the numbers were measured on, in one line.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        string Read(string path, string prefix)
        {
            try
            {
                var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                return line is null ? "?" : line[(line.IndexOf(':') + 1)..].Trim();
            }
            catch (IOException)
            {
                return "?";
            }
        }

        var cpu = Read("/proc/cpuinfo", "model name");
        var memKb = Read("/proc/meminfo", "MemTotal").Split(' ')[0];
        var mem = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB" : "?";
        var os = Read("/etc/os-release", "PRETTY_NAME").Replace("PRETTY_NAME=", "").Trim('"');
        if (os == "?")
        {
            try
            {
                os = File.ReadLines("/etc/os-release").First(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))[12..].Trim('"');
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                os = RuntimeInformation.OSDescription;
            }
        }
        return $"{Environment.ProcessorCount} cores ({cpu}), {mem} RAM, {os}, kernel {Environment.OSVersion.Version}, {RuntimeInformation.FrameworkDescription}";
    }
}

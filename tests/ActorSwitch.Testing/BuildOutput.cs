namespace ActorSwitch.Testing;

/// <summary>
/// Finds the build output of the repository's executables, in the same configuration as the test
/// assembly (tests start the node and the simulators from build output, never with <c>dotnet run</c>).
/// </summary>
public static class BuildOutput
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Release or Debug: whatever this test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string ProjectDll(string project)
    {
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", project + ".dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{project} is not built in {Configuration}: run the README's test command (./test.sh).", path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorSwitch.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ActorSwitch.sln not found above " + AppContext.BaseDirectory);
    }
}

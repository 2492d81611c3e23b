namespace Engagement.Functions.Tests;

/// <summary>Where the build put the functions app's output (functions.metadata, worker.config.json, host.json), for this test run's configuration.</summary>
public static class FunctionsOutput
{
    /// <summary>functions/bin/&lt;configuration&gt;/net10.0, found from the test assembly's own output folder.</summary>
    public static string Directory { get; } = Find();

    /// <summary>The repository root (four levels above <see cref="Directory"/>).</summary>
    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(Directory, "..", "..", "..", ".."));

    private static string Find()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory); // tests/Engagement.Functions.Tests/bin/<config>/net10.0/
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "functions", "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, "functions.metadata")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"functions/bin/{configuration}/{framework}/functions.metadata not found above {here.FullName}: build functions/ first.");
    }
}

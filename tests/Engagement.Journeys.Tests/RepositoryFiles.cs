namespace Engagement.Journeys.Tests;

/// <summary>Finds the repository's own files (journeys/, docs/) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Journeys => Path.Combine(Root, "journeys");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Engagement.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace Engagement.Local.Tests;

/// <summary>The repository's files, and a temporary directory per test that is deleted afterwards.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles() => Directory.CreateDirectory(Root);

    public static string Repository { get; } = FindRoot();

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "engage-tests", Guid.NewGuid().ToString("N"));

    public string Db => Path.Combine(Root, "engage.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp directory is cleaned by the OS.
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Engagement.sln not found");
    }
}

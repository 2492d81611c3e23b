namespace Engagement.Protection.Tests;

/// <summary>A fresh temporary folder (created by <see cref="Directory.CreateTempSubdirectory(string)"/>) per test, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("engage-protection-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp directory is cleaned by the OS.
        }
    }
}

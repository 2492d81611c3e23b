using System.Text.RegularExpressions;

namespace Engagement.Local.Tests.Configuration;

/// <summary>An engage.json in a fresh temporary folder, deleted with the folder; and environment variables under a prefix of its own.</summary>
internal sealed partial class TempConfig : IDisposable
{
    private readonly List<string> _variables = [];

    public TempConfig(string json)
    {
        Folder = Directory.CreateTempSubdirectory("engage-config-").FullName;
        Path = System.IO.Path.Combine(Folder, "engage.json");
        File.WriteAllText(Path, json);
    }

    public string Folder { get; }

    public string Path { get; }

    /// <summary>A prefix no other test uses, so tests setting variables can run side by side.</summary>
    public string Prefix { get; } = $"ENGAGE_T{Guid.NewGuid():N}_";

    /// <summary>The complete example of docs/channels.md.</summary>
    public static string DocumentedExample()
    {
        var doc = File.ReadAllText(System.IO.Path.Combine(RepositoryRoot(), "docs", "channels.md"));
        return JsonBlock().Match(doc).Groups[1].Value;
    }

    /// <summary>docs/engage.schema.json.</summary>
    public static string SchemaPath => System.IO.Path.Combine(RepositoryRoot(), "docs", "engage.schema.json");

    public TempConfig Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(Prefix + name, value);
        _variables.Add(Prefix + name);
        return this;
    }

    public void Dispose()
    {
        foreach (var variable in _variables) Environment.SetEnvironmentVariable(variable, null);
        Directory.Delete(Folder, recursive: true);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Engagement.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Engagement.sln not found");
    }

    [GeneratedRegex("## A complete engage.json\\s+```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}

namespace Engagement.Journeys.Tests.Conventions;

/// <summary>
/// Tests mirror src/: every folder of a src project that holds code has the same folder in the project's test project, with
/// at least one test in it (a file with a <c>[Fact]</c>, a <c>[Theory]</c> or a fact of the tests' own, such as <c>[PosixFact]</c>). A new folder without tests fails here.
/// </summary>
public sealed class TestFolderConventionTests
{
    /// <summary>
    /// Folders that need no test folder of their own, each with the reason. Keep this short: a folder lands here only when
    /// what it holds cannot be tested where it is (for example it only declares interfaces tested through their
    /// implementations elsewhere).
    /// </summary>
    private static readonly Dictionary<string, string> AllowedWithoutTests = new(StringComparer.Ordinal)
    {
        // Empty today: every src folder has tests. An entry reads
        // ["src/Engagement.X/Folder"] = "why nothing there can be tested in its own test folder",
    };

    /// <summary>A test method's attribute: <c>[Fact]</c>, <c>[Theory]</c>, or a fact of the tests' own such as <c>[PosixFact]</c>.</summary>
    private static readonly System.Text.RegularExpressions.Regex TestAttribute = new(@"\[\w*(Fact|Theory)\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    [Fact]
    public void EverySrcFolderWithCode_HasATestFolderWithTests()
    {
        var missing = SrcFolders()
            .Where(f => !AllowedWithoutTests.ContainsKey(f.Folder))
            .Where(f => !HasTests(TestFolderFor(f)))
            .Select(f => $"{f.Folder} -> {TestFolderFor(f)}")
            .ToList();

        Assert.True(missing.Count == 0, "src folders without a test folder holding tests:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void AllowList_NamesOnlyFoldersThatExistAndStillHaveNoTests()
    {
        var folders = SrcFolders().ToDictionary(f => f.Folder, StringComparer.Ordinal);

        Assert.All(AllowedWithoutTests.Keys, k =>
        {
            Assert.True(folders.ContainsKey(k), $"{k} is allowed without tests but is not a src folder with code");
            Assert.False(HasTests(TestFolderFor(folders[k])), $"{k} now has tests: take it off the allow-list");
        });
    }

    [Fact]
    public void SrcFolders_AreFoundForEveryProject()
    {
        var projects = SrcFolders().Select(f => f.Project).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        Assert.Equal(["Engagement.Cli", "Engagement.Cosmos", "Engagement.Engine", "Engagement.Journeys", "Engagement.Local", "Engagement.Protection", "Engagement.Reports"], projects);
    }

    /// <summary>Each folder (relative to the repository, '/'-separated) of a src project that directly holds .cs files.</summary>
    private static IEnumerable<(string Project, string Relative, string Folder)> SrcFolders()
    {
        var src = Path.Combine(RepositoryFiles.Root, "src");
        foreach (var project in Directory.EnumerateDirectories(src).Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj"))))
        {
            var name = Path.GetFileName(project);
            var folders = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(project, Path.GetDirectoryName(f)!).Replace('\\', '/'))
                .Where(r => !r.StartsWith("obj", StringComparison.Ordinal) && !r.StartsWith("bin", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal);
            foreach (var relative in folders)
            {
                yield return (name, relative, relative == "." ? $"src/{name}" : $"src/{name}/{relative}");
            }
        }
    }

    private static string TestFolderFor((string Project, string Relative, string Folder) f) =>
        f.Relative == "." ? $"tests/{f.Project}.Tests" : $"tests/{f.Project}.Tests/{f.Relative}";

    private static bool HasTests(string folder)
    {
        var path = Path.Combine(RepositoryFiles.Root, folder);
        return Directory.Exists(path) && Directory.EnumerateFiles(path, "*.cs")
            .Any(f => File.ReadLines(f).Any(l => TestAttribute.IsMatch(l)));
    }
}

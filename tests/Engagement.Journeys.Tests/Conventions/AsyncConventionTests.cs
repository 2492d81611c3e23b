using System.Text.RegularExpressions;

namespace Engagement.Journeys.Tests.Conventions;

/// <summary>
/// The async convention of issue 12: library code awaits with <c>ConfigureAwait(false)</c> (CA2007 is an error for the library
/// projects in .editorconfig, so the build enforces it), while orchestration code stays on the orchestrator's context. These
/// tests keep the second half true, check that the rule stays switched on for every library project, and that the CA2007
/// exclusion names every orchestration file.
/// </summary>
public sealed partial class AsyncConventionTests
{
    /// <summary>The projects CA2007 covers.</summary>
    private static readonly string[] LibraryProjects =
        ["Engagement.Journeys", "Engagement.Engine", "Engagement.Local", "Engagement.Cosmos", "Engagement.Reports", "Engagement.Protection"];

    [Fact]
    public void Ca2007_IsAnErrorForEveryLibraryProject()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, ".editorconfig")).Select(l => l.Trim()).ToList();
        var at = lines.FindIndex(l => l.StartsWith("[src/{", StringComparison.Ordinal) && l.Contains("Engagement.Journeys", StringComparison.Ordinal));
        Assert.True(at >= 0, ".editorconfig has no (uncommented) CA2007 section for the library projects");
        Assert.Equal("dotnet_diagnostic.CA2007.severity = error", lines[at + 1]);
        Assert.All(LibraryProjects, p => Assert.Contains(p, lines[at], StringComparison.Ordinal));
        Assert.All(Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "src")).Select(Path.GetFileName).Where(n => n != "Engagement.Cli"),
            p => Assert.Contains(p!, LibraryProjects));
    }

    [Fact]
    public void OrchestrationCode_NeverLeavesTheOrchestratorsContext()
    {
        var files = OrchestrationFiles().ToList();
        Assert.Contains(files, f => f.EndsWith("JourneyOrchestration.cs", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("JourneyOrchestrator.cs", StringComparison.Ordinal));

        var offenders = files.Where(f => File.ReadAllText(Path.Combine(RepositoryFiles.Root, f)).Contains("ConfigureAwait(false)", StringComparison.Ordinal));

        Assert.Empty(offenders);
    }

    [Fact]
    public void OrchestrationCodeInLibraryProjects_IsExcludedFromCa2007ByPath()
    {
        var excluded = ExcludedFromCa2007();
        var inLibraries = OrchestrationFiles()
            .Where(f => LibraryProjects.Any(p => f.StartsWith($"src/{p}/", StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(inLibraries);
        Assert.All(inLibraries, f => Assert.Contains(f, excluded));
    }

    /// <summary>Source files (src/ and functions/) that use an orchestration context outside comments.</summary>
    private static IEnumerable<string> OrchestrationFiles() =>
        new[] { "src", "functions" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, d), "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => File.ReadLines(Path.Combine(RepositoryFiles.Root, f))
                .Any(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && ContextType().IsMatch(l)))
            .Order(StringComparer.Ordinal);

    /// <summary>The files the CA2007 exclusion section of .editorconfig names.</summary>
    private static HashSet<string> ExcludedFromCa2007()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, ".editorconfig")).Select(l => l.TrimStart('#').Trim()).ToList();
        var at = lines.FindIndex(l => l.StartsWith("[src/Engagement.Engine/Orchestration/", StringComparison.Ordinal));
        Assert.True(at >= 0, ".editorconfig has no CA2007 exclusion section for src/Engagement.Engine/Orchestration/");
        Assert.Equal("dotnet_diagnostic.CA2007.severity = none", lines[at + 1]);

        var match = ExclusionHeader().Match(lines[at]);
        Assert.True(match.Success, $"unexpected exclusion header: {lines[at]}");
        return match.Groups["names"].Value.Split(',')
            .Select(n => $"src/Engagement.Engine/Orchestration/{n.Trim()}.cs")
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\b(IJourneyContext|TaskOrchestrationContext)\b")]
    private static partial Regex ContextType();

    [GeneratedRegex(@"^\[src/Engagement\.Engine/Orchestration/\{(?<names>[A-Za-z0-9,]+)\}\.cs\]$")]
    private static partial Regex ExclusionHeader();
}

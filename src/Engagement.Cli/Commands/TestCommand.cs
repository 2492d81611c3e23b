using System.CommandLine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Scenarios;
using Engagement.Engine.Simulation;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>engage test [dir]</c>: runs the journey scenario files (<c>*.scenarios.json</c>) and says which expectation failed,
/// where, and what the timeline showed instead. Ends with <c>scenarios: N passed, N failed</c>; exit 1 on any failure.
/// </summary>
internal static class TestCommand
{
    /// <summary>Builds <c>engage test</c> with its options and action: run journey scenario tests. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Directory of *.scenarios.json (default: journeys/tests)", DefaultValueFactory = _ => Path.Combine("journeys", "tests") };
        var journeys = new Option<string?>("--journeys") { Description = "Journey directory (default: the parent of dir)" };
        var command = new Command("test", "Run journey scenario tests") { dir, journeys };
        command.SetAction(async (parse, ct) =>
        {
            var testDir = parse.GetValue(dir)!;
            if (!Directory.Exists(testDir))
            {
                Console.Error.WriteLine($"engage test: {testDir}: no such folder" + (parse.GetValue(dir) == Path.Combine("journeys", "tests") ? " (run engage init to create a project)" : string.Empty));
                return ExitCodes.Usage;
            }

            var journeyDir = parse.GetValue(journeys) ?? Path.GetDirectoryName(Path.GetFullPath(testDir))!;
            CommandInputs.RequireDirectory(journeyDir, "--journeys");
            var known = JourneyCatalog.Load(journeyDir, out _).All.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
            var (passed, failed) = (0, 0);
            foreach (var file in Directory.GetFiles(testDir, "*.scenarios.json").Order(StringComparer.Ordinal))
            {
                var path = Path.GetRelativePath(Environment.CurrentDirectory, file);
                if (!ScenarioParser.TryParse(path, await File.ReadAllTextAsync(file, ct), known, out var suite, out var problems))
                {
                    foreach (var p in problems)
                    {
                        Console.WriteLine(p.ToString());
                    }

                    failed++;
                    continue;
                }

                var catalog = JourneyCatalog.Load(journeyDir, out var diagnostics, suite!.Journeys);
                if (diagnostics.Count > 0)
                {
                    diagnostics.ToList().ForEach(d => Console.WriteLine(d.ToString()));
                    failed += suite.Scenarios.Length;
                    continue;
                }

                foreach (var scenario in suite.Scenarios)
                {
                    var result = await new Simulator(catalog.WithHoldout(scenario.Holdout)).RunAsync(scenario.Profiles, scenario.Events, new SimulationOptions(scenario.Until), ct);
                    var failures = ScenarioVerifier.Verify(scenario, result.Timeline);
                    if (failures.Count == 0)
                    {
                        passed++;
                        Console.WriteLine($"  ok    {path}: {scenario.Name}");
                    }
                    else
                    {
                        failed++;
                        Console.WriteLine($"  FAIL  {path}: {scenario.Name}");
                        foreach (var f in failures)
                        {
                            Console.WriteLine("        " + f.ToString().Replace("\n", "\n        ", StringComparison.Ordinal));
                        }
                    }
                }
            }

            Console.WriteLine($"scenarios: {passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}

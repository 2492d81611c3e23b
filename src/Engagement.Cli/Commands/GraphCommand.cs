using System.CommandLine;
using System.Text;
using Engagement.Reports.Graph;

namespace Engagement.Cli.Commands;

/// <summary><c>engage graph FILE|DIR --format svg|mermaid</c>: draws journeys without counts, for review beside their JSON.</summary>
internal static class GraphCommand
{
    /// <summary>Builds <c>engage graph</c> with its options and action: draw journeys as SVG or Mermaid text. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A journey file or a journey directory", DefaultValueFactory = _ => "journeys" };
        var format = new Option<string>("--format") { Description = "svg or mermaid", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("svg", "mermaid");
        var output = new Option<string?>("--out") { Description = "Directory to write <journey>.svg / <journey>.mmd into (default: print to standard output)" };
        var command = new Command("graph", "Draw journeys as SVG or Mermaid text") { path, format, output };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(path)!;
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                throw new UsageException($"{Path.GetFullPath(target)}: file or directory not found");
            }

            var directory = Directory.Exists(target) ? target : Path.GetDirectoryName(Path.GetFullPath(target))!;
            var catalog = Engine.Catalog.JourneyCatalog.Load(directory, out var diagnostics);
            foreach (var d in diagnostics)
            {
                Console.Error.WriteLine(d.ToString());
            }

            if (diagnostics.Count > 0)
            {
                return 1;
            }

            var svg = parse.GetValue(format) == "svg";
            var outDir = parse.GetValue(output);
            var file1 = File.Exists(target) ? Path.GetFileName(target) : null;
            foreach (var journey in catalog.Latest.Where(j => file1 is null || Path.GetFileName(j.Location.File) == file1))
            {
                var text = svg ? JourneyPicture.Svg(journey, null) : MermaidWriter.Write(journey);
                if (outDir is null)
                {
                    Console.Out.Write(svg ? text + "\n" : text);
                    continue;
                }

                Directory.CreateDirectory(outDir);
                var file = Path.Combine(outDir, journey.Id + (svg ? ".svg" : ".mmd"));
                File.WriteAllText(file, text, new UTF8Encoding(false));
                Console.Error.WriteLine($"graph: {Path.GetFullPath(file)}");
            }

            return 0;
        });
        return command;
    }
}

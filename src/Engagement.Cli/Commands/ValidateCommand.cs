using System.CommandLine;
using Engagement.Engine.Catalog;

namespace Engagement.Cli.Commands;

/// <summary><c>engage validate [paths...]</c>: every problem of every journey file as <c>file:line:column: message</c>; exit 1 when any.</summary>
internal static class ValidateCommand
{
    /// <summary>Builds <c>engage validate</c> with its options and action: check journey files, templates and calendars; print file:line:column: message per problem. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Journey directories (default: journeys)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("validate", "Check journey files, templates and calendars; print file:line:column: message per problem") { paths };
        command.SetAction(parse =>
        {
            var targets = parse.GetValue(paths) is { Length: > 0 } p ? p : ["journeys"];
            if (!CommandInputs.RegisterConfiguredChannels())
            {
                return 1;
            }

            var problems = 0;
            var journeys = 0;
            foreach (var target in targets)
            {
                var directory = File.Exists(target) ? Path.GetDirectoryName(Path.GetFullPath(target))! : target;
                if (!Directory.Exists(directory))
                {
                    Console.Error.WriteLine($"engage validate: {target}: no such folder or file" + (target == "journeys" ? " (run engage init to create a project)" : string.Empty));
                    return ExitCodes.Usage;
                }

                var catalog = JourneyCatalog.Load(directory, out var diagnostics);
                foreach (var d in diagnostics.Where(d => !File.Exists(target) || Path.GetFullPath(d.Location.File) == Path.GetFullPath(target)))
                {
                    Console.WriteLine(d.ToString());
                    problems++;
                }

                journeys += catalog.All.Count();
            }

            Console.Error.WriteLine(problems == 0 ? $"ok: {journeys} journeys valid" : $"{problems} problem(s) found");
            return problems == 0 ? 0 : 1;
        });
        return command;
    }
}

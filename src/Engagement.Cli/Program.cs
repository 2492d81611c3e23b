using System.CommandLine;
using Engagement.Cli.Commands;
using Engagement.Cli.Runtime;

namespace Engagement.Cli;

/// <summary>The <c>engage</c> command line. Exit codes: 0 success, 1 invalid input or a failed check, 2 usage (see <see cref="ExitCodes"/>).</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        if (Console.IsOutputRedirected)
        {
            // Tables in logs and files: wide enough not to wrap journey names, and no colour codes.
            Spectre.Console.AnsiConsole.Profile.Width = 160;
            Spectre.Console.AnsiConsole.Profile.Capabilities.Ansi = false;
        }

        var root = new RootCommand("engage — omnichannel customer journeys as code: validate, simulate, test and serve journeys")
        {
            InitCommand.Create(),
            ValidateCommand.Create(),
            SimulateCommand.Create(),
            TestCommand.Create(),
            SamplesCommand.Create(),
            ServeCommand.Create(),
            KeysCommand.Create(),
            StatusCommand.Create(),
            OutboxCommand.Create(),
            ReportCommand.Create(),
            GraphCommand.Create(),
            ApiKeysCommand.Create(),
            AuditCommand.Create(),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A usage mistake: one line per problem and where to read more, exit 2 (not the whole help text).
            foreach (var error in parse.Errors)
            {
                var message = string.Join(' ', error.Message.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
                Console.Error.WriteLine(parse.CommandResult.Command is RootCommand ? $"engage: {message}" : $"engage {CommandPath(parse)}: {message}");
            }

            Console.Error.WriteLine($"see: engage {(parse.CommandResult.Command is RootCommand ? string.Empty : CommandPath(parse) + " ")}--help");
            return ExitCodes.Usage;
        }

        try
        {
            // Each command under the GC that serves it best (Runtime/GcRelaunch.cs): simulate in a second process, server GC.
            if (GcRelaunch.ShouldRelaunch(parse.CommandResult.Command.Name, parse.Action is System.CommandLine.Help.HelpAction))
            {
                return GcRelaunch.Run(args);
            }

            GcRelaunch.WatchParent();
            // serve shuts down gracefully on Ctrl+C / SIGTERM: give it time to commit its last group.
            return parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30), EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return UserErrors.Report(CommandPath(parse), ex);
        }
    }

    /// <summary>The command as typed below <c>engage</c>, subcommands included (<c>api-keys new</c>); empty for <c>engage</c> itself.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}

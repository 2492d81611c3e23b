using System.CommandLine;
using Engagement.Cli.Commands;

namespace Engagement.Cli;

/// <summary>The <c>engage</c> command line.</summary>
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
            ValidateCommand.Create(),
            SimulateCommand.Create(),
            TestCommand.Create(),
            SamplesCommand.Create(),
            ServeCommand.Create(),
            StatusCommand.Create(),
            OutboxCommand.Create(),
            ReportCommand.Create(),
            GraphCommand.Create(),
        };

        // serve shuts down gracefully on Ctrl+C / SIGTERM: give it time to commit its last group.
        return root.Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }
}

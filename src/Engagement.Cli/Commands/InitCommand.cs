using System.CommandLine;
using Engagement.Cli.Init;
using Engagement.Protection;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>engage init [DIR]</c>: scaffolds a working project (journeys, templates, policies, calendar, schemas wired for the
/// editor, samples, scenario tests, engage.json, README, .gitignore) and a new key file for the customer data. Refuses to
/// overwrite any existing file unless <c>--force</c>; an existing key file is kept even then (replacing it would make the
/// database unreadable).
/// </summary>
internal static class InitCommand
{
    /// <summary>Builds <c>engage init</c> with its options and action: create a project: the retail journey library, templates, policies, samples, scenario tests and engage.json. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Where to create the project (default: the current folder)", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Overwrite files that already exist" };
        var command = new Command("init", "Create a project: the retail journey library, templates, policies, samples, scenario tests and engage.json") { dir, force };
        command.SetAction(parse =>
        {
            var root = Path.GetFullPath(parse.GetValue(dir)!);
            if (File.Exists(root))
            {
                Console.Error.WriteLine($"engage init: {root} is a file, not a folder");
                return ExitCodes.Usage;
            }

            var files = Scaffold.Files();
            var existing = files.Select(f => f.Path).Where(p => File.Exists(Path.Combine(root, p))).ToList();
            if (existing.Count > 0 && !parse.GetValue(force))
            {
                Console.Error.WriteLine($"engage init: {root} already has {existing[0]}{(existing.Count > 1 ? $" and {existing.Count - 1} more of the files init writes" : string.Empty)}; nothing written (--force overwrites)");
                return ExitCodes.Usage;
            }

            foreach (var (path, content) in files)
            {
                var target = Path.Combine(root, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, content);
            }

            var keyPath = Path.Combine(root, Scaffold.KeyFileName);
            var keyNote = File.Exists(keyPath)
                ? $"kept the existing key file {Scaffold.KeyFileName}"
                : $"made the key file {Scaffold.KeyFileName} (key {KeyFile.CreateNew(keyPath).Current}): keep it secret and backed up";
            var shown = Path.GetRelativePath(Environment.CurrentDirectory, root);
            Console.WriteLine($"created {files.Count} files in {root}; {keyNote}");
            Console.WriteLine(shown == "." ? "next: engage validate && engage simulate && engage test" : $"next: cd {shown} && engage validate && engage simulate && engage test");
            return ExitCodes.Ok;
        });
        return command;
    }
}

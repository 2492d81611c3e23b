using Engagement.Engine.Catalog;
using Engagement.Journeys.Runtime;
using Engagement.Local.Configuration;
using Engagement.Local.Storage;
using NodaTime;

namespace Engagement.Cli.Commands;

/// <summary>The inputs several commands share, each read the same way and refused with the same message.</summary>
internal static class CommandInputs
{
    /// <summary>Reads <c>--until</c> (null when not given); stops with a usage error (exit 2) when it is not an ISO-8601 instant.</summary>
    public static Instant? ParseUntil(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return InstantText.TryParse(text, out var instant)
            ? instant
            : throw new UsageException($"--until: '{text}' is not an instant: expected ISO-8601 such as 2027-01-01T00:00:00Z");
    }

    /// <summary>Loads the journeys; null after printing every problem as <c>file:line:column: message</c>.</summary>
    public static JourneyCatalog? LoadCatalog(string directory, string option = "--journeys")
    {
        RequireDirectory(directory, option);
        if (!RegisterConfiguredChannels())
        {
            return null;
        }

        var catalog = JourneyCatalog.Load(directory, out var diagnostics);
        foreach (var d in diagnostics)
        {
            Console.Error.WriteLine(d.ToString());
        }

        return diagnostics.Count > 0 ? null : catalog;
    }

    /// <summary>Registers the channels an engage.json in the current folder defines (<c>channels.&lt;name&gt;.addressField</c>), so
    /// validate and simulate accept journeys on them as serve does; false after printing the configuration's errors.</summary>
    public static bool RegisterConfiguredChannels()
    {
        if (!File.Exists(EngageConfigLoader.DefaultFileName))
        {
            return true;
        }

        try
        {
            EngageConfigLoader.Load();
            return true;
        }
        catch (EngageConfigException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return false;
        }
    }

    /// <summary>Stops with a usage error (exit 2) when <paramref name="path"/> is neither a folder nor a file.</summary>
    public static void RequireDirectory(string path, string option)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new UsageException($"{option}: {path}: no such folder" + (option == "--journeys" && path == "journeys" ? " (run engage init to create a project, or pass --journeys DIR)" : string.Empty));
        }
    }

    /// <summary>Stops with a usage error (exit 2) when a file named on the command line is missing.</summary>
    public static void RequireFile(string path, string option)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{option}: {path} is a folder: expected a file");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"{option}: {path}: no such file");
        }
    }

    /// <summary>
    /// Opens an existing serve database for reading, with its key file when one is named: <paramref name="keyFile"/>
    /// (<c>--key-file</c>), else <c>ENGAGE_KEY_FILE</c>, else the <c>keyFile</c> of <paramref name="config"/> (<c>--config</c>,
    /// default <c>./engage.json</c> when it exists), as <c>engage serve</c> finds it. Null after printing why engage.json cannot be read; a usage error (exit 2) for a missing
    /// database or key file.
    /// </summary>
    public static SqliteQueries? OpenDatabase(string path, string? keyFile = null, string? config = null)
    {
        if (keyFile is null && ServeSetup.KeyFilePath(null, null) is null && !TryConfiguredKeyFile(config, out keyFile))
        {
            return null;
        }

        try
        {
            var keys = ServeSetup.KeyFilePath(keyFile, null) is { } keyPath ? KeyFile.Load(keyPath) : null;
            return SqliteQueries.OpenExisting(path, keys is null ? null : FieldProtector.From(keys));
        }
        catch (KeyFileException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (FileNotFoundException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>engage.json's <c>keyFile</c> (relative to its folder; null without a file or setting); false after printing why
    /// the file cannot be read.</summary>
    private static bool TryConfiguredKeyFile(string? config, out string? keyFile)
    {
        keyFile = null;
        if (config is null && !File.Exists(Local.Configuration.EngageConfigLoader.DefaultFileName))
        {
            return true;
        }

        try
        {
            keyFile = Local.Configuration.EngageConfigLoader.Load(config).KeyFile;
            return true;
        }
        catch (Local.Configuration.EngageConfigException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return false;
        }
    }
}

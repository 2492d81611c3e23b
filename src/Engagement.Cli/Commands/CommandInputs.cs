using Engagement.Engine.Catalog;
using Engagement.Journeys.Runtime;
using Engagement.Local.Configuration;
using Engagement.Local.Storage;
using NodaTime;

namespace Engagement.Cli.Commands;

/// <summary>The inputs several commands share, each read the same way and refused with the same message.</summary>
internal static class CommandInputs
{
    /// <summary>Reads <c>--until</c>; false (after saying why) when it is not an ISO-8601 instant.</summary>
    public static bool TryParseUntil(string? text, out Instant? until)
    {
        until = null;
        if (text is null)
        {
            return true;
        }

        if (!InstantText.TryParse(text, out var instant))
        {
            Console.Error.WriteLine($"--until: '{text}' is not an instant: expected ISO-8601 such as 2027-01-01T00:00:00Z");
            return false;
        }

        until = instant;
        return true;
    }

    /// <summary>Loads the journeys; null after printing every problem as <c>file:line:column: message</c>.</summary>
    public static JourneyCatalog? LoadCatalog(string directory)
    {
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

    /// <summary>Opens an existing serve database for reading; null after saying it is missing.</summary>
    public static SqliteQueries? OpenDatabase(string path)
    {
        try
        {
            return SqliteQueries.OpenExisting(path);
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }
    }
}

using Engagement.Journeys.Channels;
using Microsoft.Extensions.Configuration;

namespace Engagement.Local.Configuration;

/// <summary>
/// Loads <see cref="EngageOptions"/> from engage.json, then environment variables prefixed <c>ENGAGE_</c> (a double underscore
/// separates sections: <c>ENGAGE_Channels__Email__Smtp__Password</c>), which win. Validates everything and reports every error at
/// once, each naming its setting path. Relative <c>database</c> and <c>journeys</c> paths are made absolute against the folder of
/// the config file (the current folder when there is none). Channels the configuration defines (<c>channels.&lt;name&gt;.addressField</c>)
/// are registered in <see cref="ChannelRegistry.Shared"/> once the options are valid, so load them before the journeys.
/// </summary>
public static class EngageConfigLoader
{
    /// <summary>The file looked for in the current folder when no path is given.</summary>
    public const string DefaultFileName = "engage.json";

    /// <summary>The prefix of the environment variables read.</summary>
    public const string DefaultEnvironmentPrefix = "ENGAGE_";

    /// <summary>
    /// Loads and validates the options. With no <paramref name="path"/>, reads <c>engage.json</c> from the current folder if it
    /// exists, the defaults otherwise; a given path must exist.
    /// </summary>
    /// <param name="path">The config file, or null.</param>
    /// <param name="environmentPrefix">The variable prefix (tests use their own); null reads no environment variables.</param>
    /// <exception cref="EngageConfigException">The file is missing or not JSON, or a setting is wrong.</exception>
    public static EngageOptions Load(string? path = null, string? environmentPrefix = DefaultEnvironmentPrefix)
    {
        var file = path is null ? Path.GetFullPath(DefaultFileName) : Path.GetFullPath(path);
        if (path is not null && !File.Exists(file)) throw new EngageConfigException(path, ["file not found"]);
        var hasFile = File.Exists(file);
        var source = hasFile ? file : "configuration";

        IConfigurationRoot? fileOnly = null;
        var builder = new ConfigurationBuilder();
        if (hasFile)
        {
            fileOnly = ReadFile(file);
            builder.AddConfiguration(fileOnly);
        }

        if (environmentPrefix is not null) builder.AddEnvironmentVariables(environmentPrefix);
        var baseDirectory = hasFile ? Path.GetDirectoryName(file)! : Directory.GetCurrentDirectory();
        return FromConfiguration(builder.Build(), baseDirectory, fileOnly, source);
    }

    /// <summary>
    /// Reads and validates options from any configuration (keys as in engage.json, <c>:</c>-separated). Unknown keys are errors
    /// inside known sections everywhere, and at the top level only in <paramref name="topLevelChecked"/> (the file), so that other
    /// <c>ENGAGE_</c> variables such as <c>ENGAGE_NO_SERVICES</c> do not break loading.
    /// </summary>
    /// <exception cref="EngageConfigException">A setting is wrong.</exception>
    public static EngageOptions FromConfiguration(IConfiguration configuration, string baseDirectory, IConfiguration? topLevelChecked = null, string source = "configuration")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        if (topLevelChecked is not null) new ConfigNode(topLevelChecked, "", errors).RejectUnknown(EngageOptionsReader.KnownRootKeys);
        var options = EngageOptionsReader.Read(new ConfigNode(configuration, "", errors));
        if (errors.Count > 0) throw new EngageConfigException(source, errors);
        foreach (var descriptor in options.Channels.Defined)
        {
            ChannelRegistry.Register(descriptor);
        }

        return options with
        {
            Database = Path.GetFullPath(options.Database, baseDirectory),
            Journeys = Path.GetFullPath(options.Journeys, baseDirectory),
            KeyFile = options.KeyFile is null ? null : Path.GetFullPath(options.KeyFile, baseDirectory),
        };
    }

    private static IConfigurationRoot ReadFile(string file)
    {
        try
        {
            return new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            // The provider wraps the parser's error; its text may quote the file, so only the place is kept (1-based).
            var inner = e;
            while (inner.InnerException is { } next) inner = next;
            if (inner is System.Text.Json.JsonException { LineNumber: { } line } json)
            {
                // file:line:column, as engage validate reports journeys, on one line.
                throw new EngageConfigException(file, [$"not valid JSON at line {line + 1}, byte {json.BytePositionInLine + 1}"],
                    $"{file}:{line + 1}:{json.BytePositionInLine + 1}: not valid JSON (a missing comma or quote just before?)");
            }

            throw new EngageConfigException(file, ["not valid JSON: " + inner.Message]);
        }
    }
}

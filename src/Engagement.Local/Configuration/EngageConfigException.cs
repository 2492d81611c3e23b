namespace Engagement.Local.Configuration;

/// <summary>engage.json or an <c>ENGAGE_</c> variable is wrong. Each error names the setting path; none holds a secret value.</summary>
public sealed class EngageConfigException : Exception
{
    /// <summary>Creates the exception from its errors, one per wrong setting.</summary>
    public EngageConfigException(string source, IReadOnlyList<string> errors)
        : base($"{source}: {errors.Count} configuration error(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        ConfigSource = source;
        Errors = errors;
    }

    /// <summary>Creates the exception from its errors with a message of its own (one line, e.g. <c>engage.json:5:3: not valid JSON</c>).</summary>
    public EngageConfigException(string source, IReadOnlyList<string> errors, string message)
        : base(message)
    {
        ConfigSource = source;
        Errors = errors;
    }

    /// <summary>The config file (or "configuration" when there was none) the errors are about.</summary>
    public string ConfigSource { get; }

    /// <summary>Each error as <c>path: what is wrong, what was expected</c>, e.g. <c>channels.sms.webhook.url: expected an absolute http(s) URL</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}

using System.Text;
using Engagement.Engine.Integrations;

namespace Engagement.Local.Configuration;

/// <summary>
/// Everything <c>engage serve</c> reads from engage.json and <c>ENGAGE_</c> environment variables (see docs/channels.md).
/// Load it with <see cref="EngageConfigLoader"/>, which also validates it. <see cref="ToString"/> never shows a secret. Immutable.
/// </summary>
public sealed record EngageOptions
{
    /// <summary>The SQLite database file; default <c>engage.db</c>. The loader makes a relative path absolute against the config file's folder.</summary>
    public string Database { get; init; } = "engage.db";
    /// <summary>The HTTP endpoint.</summary>
    public HttpOptions Http { get; init; } = new();
    /// <summary>The folder of journey files; default <c>journeys</c> (made absolute like <see cref="Database"/>).</summary>
    public string Journeys { get; init; } = "journeys";
    /// <summary>The public address links (unsubscribe) point at; none means the first of <see cref="HttpOptions.Urls"/>.</summary>
    public Uri? PublicBaseUrl { get; init; }
    /// <summary>The key unsubscribe links are signed with (a secret, at least 16 characters); none means links are not signed here.</summary>
    public string? UnsubscribeSigningKey { get; init; }
    /// <summary>The key file (docs/security.md) that encrypts the database's contact details; made absolute like <see cref="Database"/>. None: <c>engage serve</c> needs <c>--key-file</c> or <c>--insecure-plaintext</c>.</summary>
    public string? KeyFile { get; init; }
    /// <summary>The channel transports.</summary>
    public ChannelsOptions Channels { get; init; } = new();
    /// <summary>How CloudEvents and Segment calls map to engine events.</summary>
    public IntegrationsOptions Integrations { get; init; } = new();

    /// <summary>How many days <c>engage serve</c> keeps audit entries (1 to 36500); default 365.</summary>
    public int AuditRetentionDays { get; init; } = 365;

    /// <summary>The defaults: no file, no variables.</summary>
    public static EngageOptions Default { get; } = new();

    /// <summary>Where links point: <see cref="PublicBaseUrl"/>, or the first listen address.</summary>
    public Uri EffectivePublicBaseUrl => PublicBaseUrl ?? new Uri(HttpOptions.WithoutWildcardHost(Http.Urls.Count > 0 ? Http.Urls[0] : HttpOptions.DefaultUrl));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Database = ").Append(Database).Append(", Http = ").Append(Http).Append(", Journeys = ").Append(Journeys)
            .Append(", PublicBaseUrl = ").Append(PublicBaseUrl)
            .Append(", KeyFile = ").Append(KeyFile ?? "(none)")
            .Append(", UnsubscribeSigningKey = ").Append(UnsubscribeSigningKey is null ? "(none)" : Redaction.Mask)
            .Append(", Channels = ").Append(Channels).Append(", AuditRetentionDays = ").Append(AuditRetentionDays);
        return true;
    }
}

using System.Text;

namespace Engagement.Local.Configuration;

/// <summary>The HTTP endpoint of <c>engage serve</c> (<c>http</c> in engage.json). <see cref="ToString"/> never shows the API keys. Immutable.</summary>
public sealed record HttpOptions
{
    /// <summary>The default listen address, loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>1 MiB.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Addresses Kestrel listens on (<c>*</c> or <c>+</c> as the host listens on all interfaces); default <see cref="DefaultUrl"/>.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];
    /// <summary>Plain API keys (secrets; each an admin named <c>api-key-N</c>); with no key at all the API refuses to start unless <c>engage serve --insecure-no-auth</c>.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];
    /// <summary>Named keys with a role, stored as hashes (<c>http.keys</c>; <c>engage api-keys new</c> makes one).</summary>
    public IReadOnlyList<Security.ApiKeyEntry> Keys { get; init; } = [];
    /// <summary>Whether serve sits behind a TLS-terminating reverse proxy: only then may it listen on a non-loopback address over plain HTTP.</summary>
    public bool BehindProxy { get; init; }
    /// <summary>Largest request body accepted; default <see cref="DefaultMaxBodyBytes"/>.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>A listen address with Kestrel's wildcard hosts (<c>http://*:5080</c>, <c>http://+:5080</c>) read as <c>localhost</c>, so it parses as a URI.</summary>
    public static string WithoutWildcardHost(string url) =>
        url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Urls = [").Append(string.Join(", ", Urls)).Append("], ApiKeys = ").Append(ApiKeys.Count).Append(" key(s) ").Append(Redaction.Mask)
            .Append(", Keys = [").Append(string.Join(", ", Keys.Select(k => k.Name + " (" + Security.EngageRoles.Name(k.Role) + ")"))).Append(']')
            .Append(", MaxBodyBytes = ").Append(MaxBodyBytes).Append(", BehindProxy = ").Append(BehindProxy);
        return true;
    }
}

namespace Engagement.Engine.Integrations;

/// <summary>
/// How a CloudEvent becomes an engine event (<c>integrations.cloudEvents</c> in engage.json, docs/integrations.md):
/// the engine type is <see cref="Types"/>[type] when listed, else the CloudEvent <c>type</c> without the first matching
/// <see cref="TypePrefixes"/> entry, else the type as is; the customer id is the extension attribute
/// <see cref="CustomerIdAttribute"/>, else <c>subject</c>; the time is <c>time</c>, else the time received; the data is
/// <c>data</c> (a JSON object); <c>source</c> + <c>id</c> is the dedupe key. Immutable.
/// </summary>
public sealed record CloudEventMapping
{
    /// <summary>The default extension attribute carrying the customer id.</summary>
    public const string DefaultCustomerIdAttribute = "customerid";

    /// <summary>Prefixes stripped from the CloudEvent type (<c>com.shop.</c>): <c>com.shop.order.placed</c> → <c>order.placed</c>.</summary>
    public IReadOnlyList<string> TypePrefixes { get; init; } = [];

    /// <summary>Whole CloudEvent types mapped to engine types (<c>Microsoft.Storage.BlobCreated</c> → <c>blob.created</c>); checked first.</summary>
    public IReadOnlyDictionary<string, string> Types { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The extension attribute that carries the customer id (lower-case letters and digits, as CloudEvents requires).</summary>
    public string CustomerIdAttribute { get; init; } = DefaultCustomerIdAttribute;

    /// <summary>The defaults: no prefixes, no type table, <c>customerid</c>.</summary>
    public static CloudEventMapping Default { get; } = new();

    /// <summary>The engine event type for a CloudEvent type.</summary>
    public string EngineType(string cloudEventType)
    {
        ArgumentNullException.ThrowIfNull(cloudEventType);
        if (Types.TryGetValue(cloudEventType, out var mapped))
        {
            return mapped;
        }

        foreach (var prefix in TypePrefixes)
        {
            if (prefix.Length > 0 && cloudEventType.Length > prefix.Length && cloudEventType.StartsWith(prefix, StringComparison.Ordinal))
            {
                return cloudEventType[prefix.Length..];
            }
        }

        return cloudEventType;
    }

    /// <summary>The engine event id: <c>ce:</c>, the source (with <c>%</c> and <c>#</c> escaped), <c>#</c>, the id. The same
    /// source and id always give the same engine id, so a redelivered CloudEvent is a duplicate.</summary>
    public static string EventId(string source, string id)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        return "ce:" + source.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal) + "#" + id;
    }
}

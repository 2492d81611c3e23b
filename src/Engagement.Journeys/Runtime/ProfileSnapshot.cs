using Engagement.Journeys.Values;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// The profile as the core sees it: an object value with <c>customerId</c>, <c>locale</c>, <c>timezone</c>, <c>birthday</c>,
/// <c>tags</c>, <c>channels</c> (preferred order) and every free attribute at the top level (<c>profile.tier</c>). Immutable.
/// Contact details are not in it: the core never needs them.
/// </summary>
/// <remarks>
/// A host may give the data as a pure function of an immutable profile (<see cref="Deferred(string, string?, string?, IProfileData)"/>): it is built the first time
/// <see cref="Data"/> is read, and most stimuli (a wait that ends and the next wait) never read it. The result is the same as
/// building it up front, so the core stays deterministic. Equality compares the customer and the data.
/// </remarks>
public sealed record ProfileSnapshot
{
    private readonly IProfileData? _source;
    private readonly bool _fieldwise;
    private Value? _data;

    /// <summary>A snapshot of <paramref name="data"/> (its <c>timezone</c> and <c>locale</c> fields give <see cref="TimeZone"/> and <see cref="Locale"/>).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="data">The object value conditions see as <c>profile.*</c>.</param>
    public ProfileSnapshot(string customerId, Value data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CustomerId = customerId;
        _data = data;
        TimeZone = data["timezone"].AsString();
        Locale = data["locale"].AsString();
    }

    private ProfileSnapshot(string customerId, string? timeZone, string? locale, IProfileData source, bool fieldwise)
    {
        _fieldwise = fieldwise;
        CustomerId = customerId;
        TimeZone = timeZone;
        Locale = locale;
        _source = source;
    }

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>The object value conditions see as <c>profile.*</c>, built on first read for a <see cref="Deferred(string, string?, string?, IProfileData)"/> snapshot.</summary>
    public Value Data => _data ??= _source!.Build();

    /// <summary>The profile's IANA zone, if any (the data's <c>timezone</c>).</summary>
    public string? TimeZone { get; }

    /// <summary>The profile's locale, if any (the data's <c>locale</c>).</summary>
    public string? Locale { get; }

    /// <summary>A snapshot whose data <paramref name="build"/> makes on first read; <paramref name="timeZone"/> and
    /// <paramref name="locale"/> must be what the data's <c>timezone</c> and <c>locale</c> fields will say, and
    /// <paramref name="field"/> (optional) what one top-level field of the data will be, so <see cref="Get"/> can answer a path
    /// without building the data. Both functions must be pure functions of immutable input (they may run on whichever thread
    /// reads first).</summary>
    public static ProfileSnapshot Deferred(string customerId, string? timeZone, string? locale, Func<Value> build, Func<string, Value>? field = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        return new ProfileSnapshot(customerId, timeZone, locale, new Functions(build, field), fieldwise: field is not null);
    }

    /// <summary>As <see cref="Deferred(string, string?, string?, Func{Value}, Func{string, Value}?)"/>, reading the data from
    /// <paramref name="source"/> (a host's immutable profile): no delegates to allocate per snapshot.</summary>
    public static ProfileSnapshot Deferred(string customerId, string? timeZone, string? locale, IProfileData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ProfileSnapshot(customerId, timeZone, locale, source, fieldwise: true);
    }

    /// <summary><c>Data.Get(path)</c>; a deferred snapshot with a field function answers a non-empty path from its first field
    /// without building the data.</summary>
    public Value Get(ReadOnlySpan<string> path) =>
        _data is null && _fieldwise && path.Length > 0 ? _source!.Field(path[0]).Get(path[1..]) : Data.Get(path);

    /// <inheritdoc/>
    public bool Equals(ProfileSnapshot? other) =>
        other is not null && (ReferenceEquals(this, other) || (string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal) && Data.Equals(other.Data)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(CustomerId), Data);

    /// <summary>The data as two functions (without a field function, <see cref="Get"/> builds the data instead of asking).</summary>
    private sealed class Functions(Func<Value> build, Func<string, Value>? field) : IProfileData
    {
        public Value Build() => build();

        public Value Field(string name) => field is null ? build()[name] : field(name);
    }
}

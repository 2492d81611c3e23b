using System.Collections.Immutable;

namespace Engagement.Journeys.Channels;

/// <summary>
/// The one list of channels: the journey parser, the delivery guards, consent, profiles, the simulator, <c>engage serve</c>, the
/// HTTP API and the Azure host all ask it instead of keeping their own list. Immutable; <see cref="Shared"/> is the process's
/// registry, which hosts extend at start-up (engage.json <c>channels.&lt;name&gt;.addressField</c>, or
/// <see cref="Register"/> in code). Pure code (the interpreter) never reads it: journeys are checked against it when parsed.
/// </summary>
public sealed class ChannelRegistry
{
    /// <summary>The pseudo-channel of a send step that lets the profile's preferences (then the registry order) choose.</summary>
    public const string Preferred = "preferred";

    private readonly ImmutableDictionary<string, ChannelDescriptor> _byName;

    private ChannelRegistry(ImmutableArray<ChannelDescriptor> descriptors)
    {
        Descriptors = descriptors;
        _byName = descriptors.ToImmutableDictionary(d => d.Name, StringComparer.Ordinal);
        Names = [.. descriptors.Select(d => d.Name)];
    }

    /// <summary>Email, SMS and push, in the default order of preference.</summary>
    public static ChannelRegistry Builtin { get; } = new(
    [
        new ChannelDescriptor(Channel.Email, "email") { Transports = ["outbox", "smtp", "webhook"], CarriesUnsubscribeHeaders = true },
        new ChannelDescriptor(Channel.Sms, "phone") { RevokedByStopReply = true },
        new ChannelDescriptor(Channel.Push, "pushTokens"),
    ]);

    private static readonly AsyncLocal<IsolatedRegistry?> Isolated = new();
    private static ChannelRegistry _shared = Builtin;

    /// <summary>The process's registry: <see cref="Builtin"/> plus what was registered (inside an <see cref="Isolate"/> scope,
    /// that scope's registry).</summary>
    public static ChannelRegistry Shared => Isolated.Value?.Registry ?? Volatile.Read(ref _shared);

    /// <summary>
    /// Until the result is disposed, this execution flow (the caller and the tasks it starts) sees a registry of its own,
    /// starting as a copy of <see cref="Shared"/>: what it registers stays out of the process's registry. For tests that
    /// register channels beside others that expect the built-in ones; a host registers at start-up and needs no scope.
    /// </summary>
    public static IDisposable Isolate()
    {
        var previous = Isolated.Value;
        Isolated.Value = new IsolatedRegistry(Shared);
        return new IsolationScope(previous);
    }

    /// <summary>The descriptors, in the default order of preference (built-in ones first, then in registration order).</summary>
    public ImmutableArray<ChannelDescriptor> Descriptors { get; }

    /// <summary>The channel names, in <see cref="Descriptors"/> order.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>How many channels there are.</summary>
    public int Count => Descriptors.Length;

    /// <summary>Adds a channel to <see cref="Shared"/> (thread-safe). Registering an equal descriptor again does nothing.</summary>
    /// <exception cref="ArgumentException">A different descriptor of the same name is registered already.</exception>
    public static void Register(ChannelDescriptor descriptor)
    {
        if (Isolated.Value is { } isolated)
        {
            lock (isolated)
            {
                isolated.Registry = isolated.Registry.With(descriptor);
            }

            return;
        }

        while (true)
        {
            var current = Shared;
            var next = current.With(descriptor);
            if (ReferenceEquals(next, current) || ReferenceEquals(Interlocked.CompareExchange(ref _shared, next, current), current))
            {
                return;
            }
        }
    }

    /// <summary>This registry with <paramref name="descriptor"/> added at the end (this one when an equal descriptor is present).</summary>
    /// <exception cref="ArgumentException">A different descriptor of the same name is present.</exception>
    public ChannelRegistry With(ChannelDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (_byName.TryGetValue(descriptor.Name, out var existing))
        {
            return existing == descriptor || (existing.AddressField == descriptor.AddressField && existing.Transports.SequenceEqual(descriptor.Transports)
                && existing.TemplateSuffix == descriptor.TemplateSuffix && existing.RevokedByStopReply == descriptor.RevokedByStopReply
                && existing.CarriesUnsubscribeHeaders == descriptor.CarriesUnsubscribeHeaders)
                ? this
                : throw new ArgumentException($"channel '{descriptor.Name}' is registered already with other settings", nameof(descriptor));
        }

        return new ChannelRegistry(Descriptors.Add(descriptor));
    }

    /// <summary>Whether <paramref name="name"/> is a registered channel (<see cref="Preferred"/> is not).</summary>
    public bool Contains(string? name) => name is not null && _byName.ContainsKey(name);

    /// <summary>The descriptor of <paramref name="name"/>, or null for a name that is not registered.</summary>
    public ChannelDescriptor? Find(string? name) => name is not null && _byName.TryGetValue(name, out var d) ? d : null;

    /// <summary>The names for messages: <c>email, sms or push</c>.</summary>
    public string Describe() => Names.Length == 1 ? Names[0] : string.Join(", ", Names[..^1]) + " or " + Names[^1];

    private sealed class IsolatedRegistry(ChannelRegistry registry)
    {
        public ChannelRegistry Registry { get; set; } = registry;
    }

    private sealed class IsolationScope(IsolatedRegistry? previous) : IDisposable
    {
        public void Dispose() => Isolated.Value = previous;
    }
}

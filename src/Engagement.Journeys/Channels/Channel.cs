namespace Engagement.Journeys.Channels;

/// <summary>
/// A channel's name as a value: lower-case letters, digits and <c>-</c>, starting with a letter, at most 32 characters
/// (<c>email</c>, <c>sms</c>, <c>push</c>, or one a host registers such as <c>wechat-mini</c>). Whether the channel exists is the
/// <see cref="ChannelRegistry"/>'s question, not this type's.
/// </summary>
public readonly record struct Channel
{
    /// <summary>Makes a channel name; throws for text that cannot be one.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a channel name.</exception>
    public Channel(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a channel name: expected lower-case letters, digits and '-', starting with a letter, at most 32 characters", nameof(name));
        }

        Name = name;
    }

    /// <summary>Email.</summary>
    public static Channel Email { get; } = new("email");

    /// <summary>SMS.</summary>
    public static Channel Sms { get; } = new("sms");

    /// <summary>Mobile push.</summary>
    public static Channel Push { get; } = new("push");

    /// <summary>The name as written in journeys, profiles, events and configuration.</summary>
    public string Name { get; }

    /// <summary>Whether <paramref name="name"/> has the form of a channel name.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 32 || name[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Name ?? string.Empty;
}

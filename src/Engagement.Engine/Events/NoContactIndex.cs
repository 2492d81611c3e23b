namespace Engagement.Engine.Events;

/// <summary>The directory of a host without a contact index: every lookup is refused with
/// <see cref="ContactIndexUnavailableException"/>, so input naming a customer only by contact is rejected with that reason.</summary>
public sealed class NoContactIndex : IContactDirectory
{
    /// <summary>The one instance.</summary>
    public static NoContactIndex Instance { get; } = new();

    private NoContactIndex()
    {
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> FindAsync(string kind, string value, CancellationToken cancellationToken) =>
        ValueTask.FromException<IReadOnlyList<string>>(new ContactIndexUnavailableException());
}

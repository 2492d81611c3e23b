namespace Engagement.Engine.Events;

/// <summary>
/// The asynchronous lookup of customers by contact detail, for hosts whose stores answer over the network (the Azure host's
/// Cosmos DB contact index). A host resolves the contacts an input names before parsing it (<see cref="ContactPrefetch"/>) and
/// hands the parser a synchronous <see cref="CustomerByContact"/> over the answers, so no lookup blocks a thread.
/// </summary>
public interface IContactDirectory
{
    /// <summary>
    /// The ids of the customers whose profile holds this contact (<paramref name="kind"/>: <c>email</c> or <c>phone</c>), in
    /// ordinal id order; found through the blind index (a keyed hash), never by plain text. Throws
    /// <see cref="ContactIndexUnavailableException"/> when the host keeps no contact index (no key configured).
    /// </summary>
    ValueTask<IReadOnlyList<string>> FindAsync(string kind, string value, CancellationToken cancellationToken);
}

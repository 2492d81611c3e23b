namespace Engagement.Local.Hosting;

/// <summary>Finds customers by email address or phone number through the blind index (docs/security.md), never by plain text in the database.</summary>
public interface IContactLookup
{
    /// <summary>The ids of the customers whose profile has this contact (<paramref name="kind"/>: <c>email</c> or <c>phone</c>), in id order.</summary>
    ValueTask<IReadOnlyList<string>> FindCustomersAsync(string kind, string value, CancellationToken cancellationToken);
}

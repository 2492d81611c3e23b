namespace Engagement.Engine.Events;

/// <summary>
/// Finds the customers whose profile holds a contact detail (<c>kind</c>: <c>email</c> or <c>phone</c>), in id order. The embedded
/// host answers through its blind index (a keyed hash of the normalised contact), never by comparing plain text in the database.
/// </summary>
public delegate IReadOnlyList<string> CustomerByContact(string kind, string value);

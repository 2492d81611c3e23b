namespace Engagement.Local.Security;

/// <summary>
/// A named API key as engage.json's <c>http.keys</c> holds it: a name (shown in the audit trail, never secret), a role, and the
/// SHA-256 hash of the secret (<c>sha256:</c> and 64 hex digits) — never the secret itself. <c>engage api-keys new</c> makes one.
/// </summary>
/// <param name="Name">Who the key is: 1 to 64 of a-z, 0-9, '.', '_', '-'.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Hash"><c>sha256:</c> and the lower-case hex SHA-256 of the secret's UTF-8 bytes.</param>
public sealed record ApiKeyEntry(string Name, EngageRole Role, string Hash);

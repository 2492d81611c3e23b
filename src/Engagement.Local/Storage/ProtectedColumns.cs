namespace Engagement.Local.Storage;

/// <summary>
/// Every column that can hold a contact detail, a name or other personal data, stored through <see cref="FieldProtector"/>
/// (docs/security.md lists them). Rotation walks this list; the scan test checks no other column holds what was written.
/// </summary>
internal static class ProtectedColumns
{
    /// <summary>(table, column) pairs; every table has a rowid.</summary>
    public static IReadOnlyList<(string Table, string Column)> All { get; } =
    [
        ("profiles", "json"),
        ("profile_imports", "json"),
        ("enrollments", "json"),
        ("ledger", "json"),
        ("outbox", "message"),
        ("outbox", "last_error"),
        ("tasks", "json"),
        ("inbox", "json"),
        ("inbox", "error"),
        ("rejected", "raw"),
        ("rejected", "reason"),
    ];
}

namespace Engagement.Local.Security;

/// <summary>The order of <see cref="EngageRole"/>s and their names as configuration and answers spell them.</summary>
public static class EngageRoles
{
    /// <summary>Whether a key holding <paramref name="held"/> may use a route that needs <paramref name="required"/>: admin
    /// may do everything; ingest only ingest; viewer, operator and admin are ordered and none of the first two ingests.</summary>
    public static bool Grants(this EngageRole held, EngageRole required) => held switch
    {
        EngageRole.Admin => true,
        EngageRole.Ingest => required == EngageRole.Ingest,
        _ => required != EngageRole.Ingest && held >= required,
    };

    /// <summary>The lower-case name (<c>ingest</c>, <c>viewer</c>, <c>operator</c>, <c>admin</c>).</summary>
    public static string Name(this EngageRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Every role by name, lower case, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<EngageRole>().Select(r => r.Name())];

    /// <summary>Reads a role name (any case); false when it is none.</summary>
    public static bool TryParse(string? text, out EngageRole role)
    {
        foreach (var candidate in Enum.GetValues<EngageRole>())
        {
            if (string.Equals(candidate.Name(), text, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}

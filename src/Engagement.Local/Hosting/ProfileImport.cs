using Engagement.Engine.Profiles;

namespace Engagement.Local.Hosting;

/// <summary>
/// How an imported profile line (the CRM is the master of contact points and attributes) meets a stored profile: imported
/// fields replace stored ones, while the consent history is kept and the imported records not already in it are appended,
/// and channels marked invalid stay invalid. The same line imported twice is skipped earlier, by its hash.
/// </summary>
internal static class ProfileImport
{
    public static CustomerProfile Merge(CustomerProfile? existing, CustomerProfile imported)
    {
        if (existing is null)
        {
            return imported;
        }

        var consents = existing.Consents;
        foreach (var record in imported.Consents)
        {
            if (!consents.Contains(record))
            {
                consents = consents.Add(record);
            }
        }

        return imported with { Consents = consents, InvalidChannels = existing.InvalidChannels.Union(imported.InvalidChannels) };
    }
}

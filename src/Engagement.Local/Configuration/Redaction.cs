namespace Engagement.Local.Configuration;

/// <summary>What options print in place of a secret.</summary>
internal static class Redaction
{
    public const string Mask = "***";
}

namespace Engagement.Engine.Profiles;

/// <summary>What a message is for; consent is recorded per channel and purpose.</summary>
public enum ConsentPurpose
{
    /// <summary>Promotional messages.</summary>
    Marketing,
    /// <summary>Service messages.</summary>
    Transactional,
}

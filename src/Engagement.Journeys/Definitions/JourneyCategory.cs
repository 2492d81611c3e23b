namespace Engagement.Journeys.Definitions;

/// <summary>What kind of messages a journey sends; decides which consent and caps apply.</summary>
public enum JourneyCategory
{
    /// <summary>Promotional messages: need marketing consent, count against frequency caps, obey suppression rules. The default.</summary>
    Marketing,
    /// <summary>Service messages (acknowledgements, order notices): need a valid contact point and no hard block.</summary>
    Transactional,
}

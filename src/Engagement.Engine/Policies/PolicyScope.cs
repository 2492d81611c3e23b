namespace Engagement.Engine.Policies;

/// <summary>Which messages a policy element applies to, by journey category.</summary>
public enum PolicyScope
{
    /// <summary>Marketing journeys only (written <c>marketing</c>; the default).</summary>
    Marketing,
    /// <summary>Transactional journeys only (written <c>transactional</c>).</summary>
    Transactional,
    /// <summary>Both (written <c>all</c>).</summary>
    All,
}

namespace Engagement.Journeys.Runtime;

/// <summary>Where an enrollment is in its life.</summary>
public enum EnrollmentStatus
{
    /// <summary>Created, not yet started.</summary>
    New,
    /// <summary>Held at a wait or waitForEvent step.</summary>
    Waiting,
    /// <summary>Finished; no stimulus changes it any more.</summary>
    Exited,
}

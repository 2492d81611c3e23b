using Engagement.Journeys.Runtime;
using NodaTime;
using static Engagement.Journeys.Tests.Runtime.Journeys;

namespace Engagement.Journeys.Tests.Runtime;

public sealed class EnrollmentDraftTests
{
    private static readonly EnrollmentState Waiting = EnrollmentState.Create("j", 1, "c1", "c1") with
    {
        Status = EnrollmentStatus.Waiting, StepId = "a", EnteredAt = T0, WakeAt = T0 + Duration.FromDays(1),
    };

    [Fact]
    public void ToState_NothingSet_IsTheOriginalItself() => Assert.Same(Waiting, new EnrollmentDraft(Waiting).ToState());

    [Fact]
    public void ToState_AfterChanges_IsOneCopyWithThemAll_AndTheOriginalIsUnchanged()
    {
        var before = Waiting with { };
        var draft = new EnrollmentDraft(Waiting)
        {
            WakeAt = null,
            StepId = "b",
            Status = EnrollmentStatus.Exited,
            ExitedAt = T0 + Duration.FromDays(1),
            ExitReason = "completed",
        };

        var state = draft.ToState();

        Assert.Same(state, draft.ToState());
        Assert.Equal(Waiting with { WakeAt = null, StepId = "b", Status = EnrollmentStatus.Exited, ExitedAt = T0 + Duration.FromDays(1), ExitReason = "completed" }, state);
        Assert.Equal(before, Waiting);
    }

    [Fact]
    public void ToState_ChangedAgainAfterReading_IsANewCopy_TheFirstKeepsWhatItWas()
    {
        var draft = new EnrollmentDraft(Waiting) { StepId = "b" };
        var first = draft.ToState();

        draft.StepId = "c";

        Assert.Equal(("b", "c"), (first.StepId, draft.ToState().StepId));
    }
}

using Engagement.Journeys.Channels;
using Engagement.Journeys.Parsing;
using Engagement.Journeys.Scheduling;

namespace Engagement.Journeys.Tests.Channels;

public sealed class ChannelRegistryTests
{
    private const string SendOn = """
        { "id": "j", "version": 1, "name": "J", "trigger": { "event": "go" }, "start": "a",
          "steps": { "a": { "type": "send", "channel": "CHANNEL", "template": "t", "fallback": ["FALLBACK"], "next": "z" }, "z": { "type": "exit" } } }
        """;

    private static readonly ChannelDescriptor WeChat = new(new Channel("wechat-mini"), "wechatOpenId");

    [Fact]
    public void Builtin_ListsEmailSmsPushInPreferenceOrder()
    {
        Assert.Equal(["email", "sms", "push"], ChannelRegistry.Builtin.Names.ToArray());
        Assert.Equal(["email", "phone", "pushTokens"], ChannelRegistry.Builtin.Descriptors.Select(d => d.AddressField));
        Assert.Equal("email, sms or push", ChannelRegistry.Builtin.Describe());
    }

    [Theory]
    [InlineData("")]
    [InlineData("WeChat")]
    [InlineData("9lives")]
    [InlineData("we chat")]
    [InlineData("a-channel-name-longer-than-32-chars")]
    public void Channel_TextThatIsNotAName_IsRejected(string name)
    {
        Assert.False(Channel.IsValidName(name));
        Assert.Throws<ArgumentException>(() => new Channel(name));
    }

    [Fact]
    public void With_ANewChannel_AddsItLastAndLeavesTheOriginalAlone()
    {
        var extended = ChannelRegistry.Builtin.With(WeChat);

        Assert.Equal(["email", "sms", "push", "wechat-mini"], extended.Names.ToArray());
        Assert.False(ChannelRegistry.Builtin.Contains("wechat-mini"));
        Assert.Same(extended, extended.With(WeChat with { }));
    }

    [Fact]
    public void With_SameNameOtherSettings_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ChannelRegistry.Builtin.With(new ChannelDescriptor(Channel.Sms, "mobile")));

        Assert.Contains("'sms' is registered already", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SendOnARegisteredChannel_IsAcceptedOnlyWhereTheRegistryHasIt()
    {
        var json = SendOn.Replace("CHANNEL", "wechat-mini").Replace("FALLBACK", "wechat-mini");
        var calendars = new Dictionary<string, WorkingCalendar>();

        var builtin = JourneyParser.TryParse("j.json", json, new JourneyParseContext(null, calendars), out _, out var errors);
        var extended = JourneyParser.TryParse("j.json", json, new JourneyParseContext(null, calendars) { Channels = ChannelRegistry.Builtin.With(WeChat) }, out var journey, out var none);

        Assert.False(builtin);
        Assert.Contains(errors, e => e.Message.Contains("expected one of email, sms, push, preferred", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("fallback channel the text \"wechat-mini\": expected email, sms or push", StringComparison.Ordinal));
        Assert.True(extended, string.Join("\n", none));
        Assert.Equal("wechat-mini", ((Engagement.Journeys.Definitions.SendStep)journey!.Step("a")).Channel);
    }

    [Fact]
    public async Task Register_InsideAnIsolatedScope_StaysInTheScopeAndFlowsIntoItsTasks()
    {
        var before = ChannelRegistry.Shared;
        bool seenInTask;
        using (ChannelRegistry.Isolate())
        {
            ChannelRegistry.Register(new ChannelDescriptor(new Channel("carrier-pigeon-scope"), "loftId"));
            seenInTask = await Task.Run(() => ChannelRegistry.Shared.Contains("carrier-pigeon-scope"));
            Assert.True(ChannelRegistry.Shared.Contains("carrier-pigeon-scope"));
        }

        Assert.True(seenInTask);
        Assert.False(ChannelRegistry.Shared.Contains("carrier-pigeon-scope"));
        Assert.Same(before, ChannelRegistry.Shared);
    }
}

using Engagement.Engine.Serialization;

namespace Engagement.Engine.Tests.Serialization;

public sealed class SharedTextTests
{
    [Fact]
    public void Share_EqualText_GivesOneInstance_FromStringsAndFromCharacters()
    {
        var first = SharedText.Share(new string("source-a".AsSpan()));
        var again = SharedText.Share(new string("source-a".AsSpan()));
        var fromChars = SharedText.Share("xsource-ax".AsSpan(1, 8));

        Assert.Same(first, again);
        Assert.Same(first, fromChars);
        Assert.Null(SharedText.Share((string?)null));
    }

    [Fact]
    public void Share_LongText_IsReturnedAsItIs()
    {
        var text = new string('x', SharedText.MaxLength + 1);

        Assert.Same(text, SharedText.Share(text));
        Assert.NotSame(SharedText.Share(text.AsSpan()), SharedText.Share(text.AsSpan()));
    }

    [Fact]
    public async Task Share_AFullTable_StillReturnsEqualText()
    {
        // A thread of its own, so the table starts empty and this test's entries fill no other test's table.
        await Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < SharedText.MaxEntries; i++)
            {
                SharedText.Share("k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var beyond = new string("beyond".AsSpan());
            Assert.Same(beyond, SharedText.Share(beyond));
            Assert.NotSame(beyond, SharedText.Share(new string("beyond".AsSpan())));
            Assert.Equal("beyond", SharedText.Share("beyond".AsSpan()));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}

using Engagement.Journeys.Runtime;
using Engagement.Local.Storage;

namespace Engagement.Local.Hosting;

/// <summary>Input writes committed with a group (<see cref="GroupInputs"/>).</summary>
internal sealed partial class StimulusProcessor
{
    private readonly List<(InputWrite Write, (int Added, int Duplicates) Result)> _inputsTaken = [];

    /// <summary>Events the input write being taken added to the inbox (<see cref="InputAccepted"/>); null outside
    /// <see cref="TakeInputs"/>.</summary>
    private List<CustomerEvent>? _inputEvents;

    /// <summary>An input write added <paramref name="e"/> to the inbox on <paramref name="session"/>: when that is this processor's
    /// group, the event is handed over in memory once the write is kept (<see cref="HandedOverEvents"/>).</summary>
    public void InputAccepted(SqliteSession session, CustomerEvent e)
    {
        if (ReferenceEquals(session, _state.Session))
        {
            _inputEvents?.Add(e);
        }
    }

    /// <summary>Input writes waiting for the next group; open while <see cref="RunAsync"/> runs.</summary>
    public GroupInputs Inputs { get; } = new();

    /// <summary>At the end of a group, before its commit: writes every queued input into the group's transaction, each in a
    /// savepoint, so one that throws is undone alone and its caller gets the exception. When even that undo fails, the group
    /// fails, and so does every input in it.</summary>
    private void TakeInputs()
    {
        var session = _state.Session;
        while (Inputs.TryDequeue(out var write))
        {
            if (!write.TryTake())
            {
                continue;
            }

            session.Execute("SAVEPOINT input");
            _inputEvents = [];
            try
            {
                _inputsTaken.Add((write, write.Run(session)));
                session.Execute("RELEASE input");
                foreach (var e in _inputEvents)
                {
                    _state.HandedOver.Written(e);
                }
            }
            catch (Exception ex)
            {
                write.Done.TrySetException(ex);
                session.Execute("ROLLBACK TO input");
                session.Execute("RELEASE input");
            }
            finally
            {
                _inputEvents = null;
            }
        }
    }

    /// <summary>The group committed: each input's caller gets its counts.</summary>
    private void InputsCommitted()
    {
        foreach (var (write, result) in _inputsTaken)
        {
            write.Done.TrySetResult(result);
        }

        _inputsTaken.Clear();
    }

    /// <summary>The group failed after taking inputs (its commit, or undoing one of them): none of them is written, and each
    /// caller gets the exception.</summary>
    private void InputsFailed(Exception exception)
    {
        foreach (var (write, _) in _inputsTaken)
        {
            write.Done.TrySetException(exception);
        }

        _inputsTaken.Clear();
    }

    /// <summary>After the loop: refuses new input and commits what is queued in a last group without items.</summary>
    private async Task DrainInputsAsync()
    {
        Inputs.Close();
        try
        {
            await RunGroupAsync(CancellationToken.None, maxItems: 0).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            while (Inputs.TryDequeue(out var write))
            {
                if (write.TryTake())
                {
                    write.Done.TrySetException(ex);
                }
            }
        }
    }
}

using Akka.Event;
using Akka.Actor;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.SignOn;
using ActorSwitch.Switch.Diagnostics;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Terminals;

/// <summary>Terminal master key, sign-on (working keys under the TMK in F62) and sign-off.</summary>
public sealed partial class TerminalEntity
{
    // Sign-on times of the last minute: the rate limit needs no durability.
    private readonly Queue<DateTimeOffset> _recentSignOns = new();

    private void OnIssueTerminalMasterKey()
    {
        var replyTo = Sender;
        try
        {
            var export = Security.GenerateTerminalMasterKey(_services.KeyLoadingDeviceKbpk);
            Persist(new TerminalMasterKeyInstalled(export.TerminalMasterKey.KeyBlock, _services.Now), e =>
            {
                Apply(e);
                _mac = null;
                _log.Info("Terminal {0}: new terminal master key (KCV {1}); the terminal must sign on again", _key, export.CheckValue);
                replyTo.Tell(new TerminalMasterKeyIssued(export.KeyBlock, export.CheckValue));
            });
        }
        catch (SecurityModuleException e)
        {
            _log.Error("Terminal {0}: terminal master key refused by the security module: {1}", _key, e.Reason);
            replyTo.Tell(new Status.Failure(e));
        }
    }

    private void OnSignOn(PosRequest request)
    {
        var now = _services.Now;
        while (_recentSignOns.Count > 0 && _recentSignOns.Peek() <= now.AddMinutes(-1)) _recentSignOns.Dequeue();
        if (_recentSignOns.Count >= _services.Settings.SignOnsPerMinute)
        {
            _log.Warning("Terminal {0}: more than {1} sign-ons in a minute: 65", _key, _services.Settings.SignOnsPerMinute);
            ReplySignOn(request, ResponseCodes.CountLimitExceeded);
            return;
        }
        _recentSignOns.Enqueue(now);

        Field60.TryRead(_request, out var f60);
        var layout = TerminalSettings.LayoutOf(f60.NetworkManagementCode)!.Value;
        var model = _services.Settings.ModelOf(RegisteredTerminal?.Model ?? "");
        if (layout == SignOnKeyLayout.SingleLength && !model.AllowSingleDesSignOn)
        {
            _log.Info("Terminal {0}: single-DES sign-on (001) refused for model '{1}': 40", _key, RegisteredTerminal?.Model);
            ReplySignOn(request, ResponseCodes.FunctionNotSupported);
            return;
        }
        if (_state.TmkBlock is null)
        {
            _log.Warning("Terminal {0}: sign-on without a terminal master key (issue one through the operator API): A7", _key);
            ReplySignOn(request, ResponseCodes.SecurityProcessingFailed);
            return;
        }

        SignOnWorkingKeys keys;
        try
        {
            keys = Security.IssueWorkingKeys(KeyHandle.FromKeyBlock(_state.TmkBlock), layout, model.DoubleLengthMacKey);
        }
        catch (SecurityModuleException e)
        {
            _log.Error("Terminal {0}: working keys refused by the security module: {1}", _key, e.Reason);
            ReplySignOn(request, ResponseCodes.SecurityProcessingFailed);
            return;
        }

        var batch = _state.Batch;
        Persist(new TerminalSignedOn(keys.PinKey.KeyBlock, keys.MacKey.KeyBlock, keys.TrackDataKey?.KeyBlock, batch, now), e =>
        {
            Apply(e);
            _mac = null;
            ReplySignOn(request, ResponseCodes.Approved, answer =>
            {
                answer.SetAscii(37, _services.Rrns.Next());
                answer.SetBinary(62, keys.Field62);
                // 60.2 of the answer is the batch the terminal must use from now on.
                answer.SetDigits(60, $"{TransactionTypeOf(_request):D2}{batch:D6}{(int)layout:D3}");
            });
        });
    }

    private static int TransactionTypeOf(IsoMessage request) =>
        Field60.TryRead(request, out var f60) ? Math.Max(f60.TransactionType, 0) : 0;

    private void ReplySignOn(PosRequest request, string code, Action<IsoMessage>? extra = null)
    {
        Load(request);
        var now = _services.Now;
        var answer = _answers.Begin(_request, code);
        _answers.SetTimes(_services.Calendar.LocalTime(now), settlementDate: null);
        answer.SetDigits(32, _services.Settings.AcquirerId);
        extra?.Invoke(answer);
        SwitchMeters.PosAnswered(PosMessageKind.SignOn, code, request.ReceivedAt);
        request.ReplyTo.Tell(new PosAnswer(_answers.Finish(mac: null)));
    }

    private void OnSignOff(PosRequest request)
    {
        Persist(new TerminalSignedOff(_services.Now), e =>
        {
            Apply(e);
            _mac = null;
            Reply(request, ResponseCodes.Approved);
        });
    }
}

using ActorSwitch.Ctl;

// switchctl: the operators' command line over a node's operator API (README.md in this directory).
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
return await SwitchCtl.RunAsync(args, Console.Error, interrupt.Token);

using ActorSwitch.Iso8583.Fuzz;
using SharpFuzz;

// Under afl-fuzz (run-afl.sh) this is SharpFuzz's out-of-process fork server: every input AFL++ makes
// is fed through FrameCheck, and an exception is reported as a crash. Outside afl-fuzz it runs the
// check once on standard input, which is how a crash is reproduced:
//   dotnet bin/Release/net10.0/ActorSwitch.Iso8583.Fuzz.dll < findings/default/crashes/id:000000...
// `--write-seeds DIR` regenerates the seed corpus (see Seeds.cs); run it from a plain build, e.g.
//   dotnet run --project tests/ActorSwitch.Iso8583.Fuzz -c Release -- --write-seeds tests/ActorSwitch.Iso8583.Fuzz/corpus
if (args is ["--write-seeds", var dir])
{
    Seeds.Write(dir);
    return;
}

// Nothing of the instrumented codec may run before Fuzzer.OutOfProcess.Run has set up the coverage
// map (an instrumented branch would write through a null map), so the check is created in the child.
FrameCheck? check = null;
var input = new MemoryStream();
Fuzzer.OutOfProcess.Run(stream =>
{
    check ??= new FrameCheck();
    input.SetLength(0);
    stream.CopyTo(input);
    check.Run(input.GetBuffer().AsMemory(0, (int)input.Length));
});

namespace ActorSwitch.Iso8583.Tests;

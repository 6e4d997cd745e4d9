using ActorSwitch.Iso8583;
namespace ActorSwitch.PosSim.Cli;

internal static class Usage
{
    public const string Text = """
        Usage: ActorSwitch.PosSim [options] <script...>

        Runs a POS terminal session against a node and prints every message (PANs masked).

        Connection and identity:
          --host <host>            switch host (127.0.0.1)
          --port <port>            POS port (5800)
          --merchant <id>          merchant id, 15 characters (required)
          --terminal <id>          terminal id, 8 characters (required)
          --timeout <seconds>      answer timeout (30)
          --app-type <nn>          header application type (60)
          --version <nn>           header software version (31)
          --layout <001|003|004>   sign-on key layout (003)
          --double-mak             the terminal expects a double-length MAK
          --operator <code>        operator code in F63 (001)

        Terminal master key (one of):
          --tmk-block <block>      TR-31 block from the operator API, with --kbpk <hex> or --dev
          --kcv <hex>              its check value, checked when given
          --tmk <hex>              a clear TMK (tests)
          --admin <url>            fetch the TMK from the operator API (with --token)
          --register               with --admin: register merchant and terminal first
          --name, --mcc, --fee-rate, --model   registration details
          --dev                    development mode: the documented demo KBPK and purse TAC master key

        Cards: --card <serial> (1; test card 621234 + serial + Luhn, PIN 123456), --pin <pin>
        Purse: --tac-master-key <hex>, --purse-serial <16 hex>, --purse-balance <fen>, --psam <12 hex>

        Script steps (amounts in fen):
          signon  signoff  echo  balance  purchase:N  void  refund[:N]  preauth:N  preauth-cancel
          completion[:N]  completion-void  offline:N[:AUTHCODE]  purse:N  reversal[:98|06|A0]  repeat  settle
        Exit code: 0 every step answered, 1 bad command line or set-up, 2 a step got no answer or was skipped.
        """;
}

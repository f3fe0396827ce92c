/**
 * Small configs with what lighttpd 1.4.69 prints for them (`lighttpd -p`, run in a directory /DIR, PID
 * replaced by <pid>). test/unit/print.test.ts checks our printer against these texts; test/differential/
 * print.test.ts checks the texts against the installed lighttpd, so they cannot drift from the truth.
 */
export interface PrintCase {
  readonly name: string;
  readonly config: string;
  readonly expected: string;
}

export const PRINT_CASES: readonly PrintCase[] = [
  {
    name: 'key order (+= moves a key to the end, the last key takes its slot; := keeps its place), lists, strings, integers',
    config: [
      'a = 1',
      'b = "two"',
      'c = 3',
      'a += 10',
      'd := "x"',
      'b := "TWO"',
      'L = ( "x", 2, "q\\"uote", "back\\slash" )',
      'S = ( "one" => 1, "three" => ( "n1", "n2" ), 5 )',
      'six = ( 1, 2, 3, 4, 5, 6 )',
      'mixed = ( "k" , "x" => "y" )',
      'n = 2147483648',
      'm = 4294967297',
      'cat = "port:" + 80',
      'E = ()',
      '',
    ].join('\n'),
    expected: `config {
    var.CWD   = "/DIR"
    var.PID   = <pid>
    var.c     = 3
    var.b     = "TWO"
    var.a     = 11
    var.d     = "x"
    var.L     = ("x", 2, "q\\"uote", "back\\slash")
    var.S     = (
        "one"   => 1,
        "three" => ("n1", "n2"),
        5,
    )
    var.six   = (
        1,
        2,
        3,
        4,
        5,
        6,
    )
    var.mixed = ("k", "y")
    var.n     = -2147483648
    var.m     = 1
    var.cat   = "port:80"
    var.E     = ()

}
`,
  },
  {
    name: 'blocks: numbering, chains, bare else, =~ simplification, values as written, a repeated condition, global { }',
    config: [
      '$HTTP["host"] == "www.example.org" {',
      '  x = 1',
      '  $HTTP["url"] =~ "^/static/" { y = 2 }',
      '  else $HTTP["url"] =~ "\\.php$" { y = 3 }',
      '  else $HTTP["url"] =~ "^/exact$" { y = 4 }',
      '  else $HTTP["url"] =~ "^/re(gex)?$" { y = 5 }',
      '  else { y = 6 }',
      '}',
      'else $HTTP["host"] == "127.1:0x50" {',
      '  z = 1',
      '}',
      '$SERVER["socket"] == "[::0:1]:8443" { s = 1 }',
      '$HTTP["remote-ip"] == "10.0.0.0/08" { r = 1 }',
      '$HTTP["url"] !~ "^/x" { nm = 1 }',
      '$HTTP["host"] == "www.example.org" { x2 = 1 }',
      'global { g = 1 }',
      '',
    ].join('\n'),
    expected: `config {
    var.CWD = "/DIR"
    var.PID = <pid>
    var.g   = 1


    $HTTP["host"] == "www.example.org" {
        # block 1
        var.x  = 1
        var.x2 = 1


        $HTTP["url"] =^ "/static/" {
            # block 2
            var.y = 2

        } # end of $HTTP["url"] =^ "/static/"
        else $HTTP["url"] =$ ".php" {
            # block 3
            var.y = 3

        } # end of $HTTP["url"] =$ ".php"
        else $HTTP["url"] == "/exact" {
            # block 4
            var.y = 4

        } # end of $HTTP["url"] == "/exact"
        else $HTTP["url"] =~ "^/re(gex)?$" {
            # block 5
            var.y = 5

        } # end of $HTTP["url"] =~ "^/re(gex)?$"
        else {
            # block 6
            var.y = 6

        } # end of else
    } # end of $HTTP["host"] == "www.example.org"
    else $HTTP["host"] == "127.1:0x50" {
        # block 7
        var.z = 1

    } # end of $HTTP["host"] == "127.1:0x50"

    $SERVER["socket"] == "[::0:1]:8443" {
        # block 8
        var.s = 1

    } # end of $SERVER["socket"] == "[::0:1]:8443"

    $HTTP["remote-ip"] == "10.0.0.0/08" {
        # block 9
        var.r = 1

    } # end of $HTTP["remote-ip"] == "10.0.0.0/08"

    $HTTP["url"] !~ "^/x" {
        # block 10
        var.nm = 1

    } # end of $HTTP["url"] !~ "^/x"
}
`,
  },
  {
    name: 'blocks are found by their condition without case: "^/a" after "^/A" is that block',
    config: [
      '$HTTP["url"] =~ "^/A" { a = 1 }',
      '$HTTP["url"] =~ "^/a" { b = 2 }',
      '$HTTP["host"] == "Example.org" { c = 3 }',
      'else $HTTP["host"] == "example.org:8080" { d = 4 }',
      '$HTTP["host"] == "EXAMPLE.ORG" { e = 5 }',
      '',
    ].join('\n'),
    expected: `config {
    var.CWD = "/DIR"
    var.PID = <pid>


    $HTTP["url"] =^ "/A" {
        # block 1
        var.a = 1
        var.b = 2

    } # end of $HTTP["url"] =^ "/A"

    $HTTP["host"] == "Example.org" {
        # block 2
        var.c = 3
        var.e = 5

    } # end of $HTTP["host"] == "Example.org"
    else $HTTP["host"] == "example.org:8080" {
        # block 3
        var.d = 4

    } # end of $HTTP["host"] == "example.org:8080"
}
`,
  },
];

import Testing

@testable import KubeAPI

@Suite struct FormQueryTests {
    @Test func decodesAsGoDoes() {
        let q = FormQuery("command=sh&command=-c&command=echo+hi%3B+exit+3&tty=true&empty=&bare&plus=a%2Bb")
        #expect(q.all("command") == ["sh", "-c", "echo hi; exit 3"])
        #expect(q.first("tty") == "true")
        #expect(q.first("empty") == "")
        #expect(q.first("bare") == "")
        #expect(q.first("plus") == "a+b")
        #expect(q.first("missing") == nil)
        #expect(q.dictionary["command"] == "sh")
    }

    @Test func keepsMalformedEscapesAsWritten() {
        #expect(FormQuery("labelSelector=a%ZZb").first("labelSelector") == "a%ZZb")
        #expect(FormQuery("labelSelector=env+in+(a,b)").first("labelSelector") == "env in (a,b)")
    }

    @Test func pathSegmentsKeepPlusAndDecodeEscapes() {
        #expect(FormQuery.percentDecoded("a+b") == "a+b")
        #expect(FormQuery.percentDecoded("my%3Aname") == "my:name")
        #expect(FormQuery.percentDecoded("plain-name") == "plain-name")
        #expect(FormQuery.percentDecoded("100%") == "100%")
    }
}

@Suite struct RemoteCommandTests {
    @Test func negotiatesTheFirstServedProtocolTheClientOffers() {
        #expect(RemoteCommand.negotiate("v4.channel.k8s.io, v5.channel.k8s.io") == "v5.channel.k8s.io")
        #expect(RemoteCommand.negotiate("v4.channel.k8s.io") == "v4.channel.k8s.io")
        #expect(RemoteCommand.negotiate("channel.k8s.io") == nil)
        #expect(RemoteCommand.negotiate(nil) == nil)
    }

    @Test func exitStatusCarriesTheCodeAsPythonReadsIt() {
        #expect(RemoteCommand.exitStatus(0, command: ["true"])["status"] == "Success")
        let failed = RemoteCommand.exitStatus(3, command: ["sh", "-c", "exit 3"])
        #expect(failed["reason"] == "NonZeroExitCode")
        #expect(failed["details"]?["causes"]?[0]?["message"] == "3")
        #expect(failed["message"] == "command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3")
    }
}

/// The byte split request paths and queries use.
@Suite struct ByteSplitTests {
    @Test func splitsAtTheByteAndDropsEmptyPieces() {
        #expect("/api/v1/namespaces/ns/pods".splitting(atByte: UInt8(ascii: "/")) == ["api", "v1", "namespaces", "ns", "pods"])
        #expect("//a///b/".splitting(atByte: UInt8(ascii: "/")) == ["a", "b"])
        #expect("".splitting(atByte: UInt8(ascii: "/")).isEmpty)
        #expect("a/b".splitting(atByte: UInt8(ascii: "/"), omittingEmpty: false) == ["a", "b"])
        #expect("/a//".splitting(atByte: UInt8(ascii: "/"), omittingEmpty: false) == ["", "a", "", ""])
        #expect("".splitting(atByte: UInt8(ascii: "/"), omittingEmpty: false) == [""])
        #expect("abc".splitting(atByte: UInt8(ascii: "/")) == ["abc"])
        #expect("/".splitting(atByte: UInt8(ascii: "/"), omittingEmpty: false) == ["", ""])
    }

    @Test func aSeparatorBeforeACombiningMarkStillSplitsAsGoSplits() {
        // "/" + U+0301 is one Character, so a Character split would not cut there.
        #expect("a/\u{301}b".splitting(atByte: UInt8(ascii: "/")) == ["a", "\u{301}b"])
        #expect("é/ü".splitting(atByte: UInt8(ascii: "/")) == ["é", "ü"])
    }

    @Test func substringsSplitAtMostAsAsked() {
        let s = Substring("a=b=c")
        #expect(s.splitting(atByte: UInt8(ascii: "="), maxSplits: 1) == ["a", "b=c"])
        #expect(Substring("key=").splitting(atByte: UInt8(ascii: "="), maxSplits: 1) == ["key", ""])
        #expect(Substring("bare").splitting(atByte: UInt8(ascii: "="), maxSplits: 1) == ["bare"])
    }

    @Test func findsBytesAsGoContainsDoes() {
        #expect("application/json;as=Table;v=v1;g=meta.k8s.io".containsBytes("as=Table"))
        #expect("application/apply-patch+yaml".containsBytes("yaml"))
        #expect(!"application/json".containsBytes("yaml"))
        #expect(!"yam".containsBytes("yaml"))
        #expect("yaml".containsBytes("yaml"))
        #expect("aaab".containsBytes("aab"))
        #expect("anything".containsBytes(""))
        #expect(!"".containsBytes("a"))
        // Bytes, not Characters: "e" followed by a combining accent still holds the byte "e".
        #expect("cafe\u{301}".containsBytes("cafe"))
    }
}

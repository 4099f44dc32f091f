/// A mixed sample per language: typical code with the awkward parts (quotes, markup characters,
/// non-ASCII text, comments and strings of every kind). Used for round trips and throughput.
enum Samples {
    static let mixed: [(String, String)] = [
        ("bash", #"""
            #!/usr/bin/env bash
            set -euo pipefail
            # Deploy <script> & "quotes"
            NAME="${1:-world}" TARGET=$HOME/out
            for f in *.txt; do
              if [[ -f "$f" && $f != 'skip me' ]]; then echo "Hello, $NAME & ${f%.txt}!" > "$TARGET/$f"; fi
            done
            deploy() { local n=$#; printf '%s\n' "$@" | grep -v '^#' || return 1; }
            cat <<-EOF > /tmp/x
            	value: $NAME <b>
            	EOF
            echo $(date +%s) `uname` $((1 + 2)) 2>&1 | tee -a log # done — ok ✓
            """#),
        ("console", #"""
            $ curl -s "https://example.com/?a=1&b=<2>" | jq '.items[] | .name'
            "alpha"
            "beta & gamma"
            user@host:~/src$ export PATH="$HOME/bin:$PATH"
            # apt-get install -y libyaml-dev
            Reading package lists... Done <ok>
            > echo 'continued'
            """#),
        ("yaml", #"""
            openapi: 3.0.0 # spec
            info:
              title: "Pets & <Owners>"
              description: |
                Multi-line 'text' with <b>tags</b>
              version: '1.0'
            paths:
              /pets/{id}:
                get: {summary: "x", tags: [a, b], deprecated: false, limit: 0x1F, ratio: -1.5e3}
            anchors: &a [*a, !tag ~, null]
            """#),
        ("json", #"""
            {"name": "Pets & <Owners>", "version": 1.5e-3, "tags": ["a", "b\"c"], "ok": true, "none": null,
             "nested": {"k": [1, -2, {"x": "y'z"}]}, "unicode": "é😀"}
            """#),
        ("toml", #"""
            # Config <file> & "quotes"
            [package]
            name = "portal"          # trailing
            version = "1.0.0"
            authors = ["A <a@example.com>", 'B & C']
            date = 1979-05-27T07:32:00Z
            ratio = +1_000.5e-3
            hex = 0xDEAD_BEEF
            enabled = true
            [[bin]]
            path = { file = "main.swift", lines = [1, 2,
              3] }
            description = """
            Multi-line "text" <here>
            """
            literal = '''C:\path'''
            """#),
        ("ini", #"""
            ; Settings <b> & "c"
            [database]
            host = db.example.com
            port: 5432
            enabled = yes
            name = "quoted & <escaped>"
            # comment
            [paths]
            root=/var/lib/x
            """#),
        ("dockerfile", #"""
            # syntax=docker/dockerfile:1
            FROM swift:6.0 AS build
            ARG VERSION=1.0
            ENV APP_HOME=/app PATH="$APP_HOME/bin:${PATH}"
            WORKDIR $APP_HOME
            COPY --chown=app:app . .
            RUN apt-get update \
             && apt-get install -y libyaml-dev \
             && echo "<done> & 'ok'"
            HEALTHCHECK CMD curl -f http://localhost/ || exit 1
            ENTRYPOINT ["./portal-build", "--out", "site"]
            """#),
        ("makefile", #"""
            # Build <all> & "more"
            CC ?= clang
            SOURCES := $(wildcard src/*.c)
            OBJECTS = $(SOURCES:.c=.o)
            .PHONY: all clean
            all: $(OBJECTS) lib/${NAME}.a
            	$(CC) $(CFLAGS) -o $@ $^ && echo "built $@ <ok>"
            %.o: %.c
            	@echo 'compiling $<' ; $(CC) -c $< -o $@
            clean: ; rm -rf build $$HOME/tmp
            ifeq ($(OS),Linux)
            LDFLAGS += -lm
            endif
            define HELP
            Usage: make <target>
            endef
            """#),
        ("python", #"""
            #!/usr/bin/env python3
            """Module docstring with <tags> & "quotes"."""
            from dataclasses import dataclass
            import re

            @dataclass(frozen=True)
            class Pet(Base):
                name: str = 'Rex'
                tags: list[str] | None = None

                def greet(self, other: "Pet", *, loud=False) -> str:
                    # Say hello <b>
                    msg = f"Hello {other.name!r} & {self.name}" + r'\d+' + b"\x00".decode()
                    return msg.upper() if loud else msg  # done

            print(Pet("Ünïcödé 😀").greet(Pet(name='x'), loud=True), 0x1F, 1_000.5e-3, 3j, len([]))
            """#),
        ("go", #"""
            package main

            import (
            	"fmt"
            	"strings"
            )

            // Pet is a <pet> & "friend".
            type Pet struct {
            	Name string `json:"name,omitempty"`
            	Age  int
            }

            func (p *Pet) Greet(other Pet) (string, error) {
            	r := 'x'
            	s := fmt.Sprintf("%s & <%s>\n", p.Name, other.Name)
            	/* block comment */
            	return strings.ToUpper(s) + string(r), nil
            }

            func main() { x := 0x1F + 1_000 + 1.5e3; fmt.Println(x, `raw
            string`, "héllo 😀") }
            """#),
        ("java", #"""
            package com.example;

            import java.util.*;

            /** Javadoc with <b>tags</b> & "quotes". */
            @Service
            public final class PetStore<T extends Pet> implements Store {
                private static final long MAX = 10_000L;
                private final Map<String, T> pets = new HashMap<>();

                @Override
                public Optional<T> find(String name) {
                    char c = '\'';
                    String text = """
                        Multi-line "text" <here>
                        """;
                    return Optional.ofNullable(pets.get(name)); // lookup & return
                }
            }
            """#),
        ("kotlin", #"""
            package com.example

            @Serializable
            data class Pet(val name: String, val age: Int = 0) : Animal()

            fun Pet.greet(other: Pet): String {
                val c = 'x'
                val raw = """Raw "text" with $name & <tags>"""
                return "Hello ${other.name} & $name!" // done
            }

            object Registry { val pets = mutableListOf<Pet>(); fun `odd name`() = pets.size * 0x1F }
            """#),
        ("swift", #"""
            import Foundation

            /// A pet with a <name> & "tags".
            @MainActor
            public struct Pet: Sendable, Hashable {
                public let name: String
                var tags: [String] = []

                func greet(_ other: Pet) async throws -> String {
                    let raw = #"raw "quoted" \(not) interpolated"#
                    /* outer /* nested */ still comment */
                    return "Hello, \(other.name) & <friends>! 😀" + raw
                }
            }

            #if DEBUG
            let pets = [Pet(name: "a")].map { $0.name.count * 0x1F + 1_000 }
            #endif
            let text = """
                Multi-line "string"
                """
            """#),
        ("javascript", #"""
            // Pets <script> & "quotes"
            import { readFile } from 'node:fs/promises';

            export class Pets extends Map {
              static #count = 0;
              async load(path = './pets.json') {
                const text = await readFile(path, 'utf8');
                const re = /^[a-z]+\/(?:\d+)$/gi, half = total / 2 / 1;
                return `Loaded ${text.length} bytes & ${JSON.stringify({ a: `nested ${1}` })}`;
              }
            }

            const $el = document.querySelector("#app"), html = '<b>bold</b>';
            function greet(name) { return name ?? 'world'; } /* done */ console.log(0x1F, 1e3, 10n);
            """#),
        ("typescript", #"""
            // Types <T> & "quotes"
            export interface Pet { name: string; age?: number; readonly tags: string[] }
            type Handler<T> = (event: T) => Promise<void> | null;

            @Component({ selector: 'app-pet' })
            export abstract class PetStore<T extends Pet> implements Iterable<T> {
              private pets: Map<string, T> = new Map();
              constructor(private readonly api: Api) {}
              find(name: string): T | undefined { return this.pets.get(name) as T; }
            }
            const greet = (p: Pet): string => `Hello ${p.name} & <${p.tags.join(", ")}>`;
            """#),
        ("c", #"""
            #include <stdio.h>
            #include "pets.h"
            #define MAX_PETS 16 /* limit <16> & more */

            typedef struct pet { const char *name; unsigned int age; } pet_t;

            static int greet(const pet_t *p, char sep) {
                // Say "hello" & <wave>
                return printf("Hello, %s%c\n", p->name, sep) > 0 ? 0 : -1;
            }

            int main(void) { pet_t p = { "Rex", 3u }; char c = '\''; return greet(&p, c) + 0x1F + 1.5e3f; }
            """#),
        ("cpp", #"""
            #include <vector>
            #include <string>

            namespace pets {
            template <typename T>
            class Store final : public Base<T> {
            public:
                explicit Store(std::string name) : name_(std::move(name)) {}
                auto find(const std::string& key) const -> const T* { return nullptr; }
            private:
                std::vector<T> items_;
                std::string name_ = R"json({"a": "<b> & c"})json";
            };
            }  // namespace pets

            int main() { auto s = u8"Ünïcödé"; std::cout << s << '\n' << 0x1Fu << 1'000; }
            """#),
        ("csharp", #"""
            using System;
            using System.Collections.Generic;

            namespace Pets
            {
                #region Models
                /// <summary>A pet &amp; "friend".</summary>
                [Serializable]
                public sealed record Pet(string Name, int Age = 0);
                #endregion

                public class Store<T> where T : Pet
                {
                    private readonly List<T> _pets = new();
                    public string Describe(T pet) => $"Pet {pet.Name} & <{pet.Age}>";
                    public string Path => @"C:\pets\""list"".txt";
                    public async Task<int> CountAsync() { var c = 'x'; return await Task.FromResult(_pets.Count + 0x1F); }
                }
            }
            """#),
        ("rust", #"""
            use std::collections::HashMap;

            /// A pet with a <name> & "tags".
            #[derive(Debug, Clone)]
            pub struct Pet<'a> {
                name: &'a str,
                tags: Vec<String>,
            }

            impl<'a> Pet<'a> {
                pub fn greet(&self, other: &Pet) -> String {
                    let c = '\'';
                    let raw = r#"raw "quoted" <b>"#;
                    /* outer /* nested */ still */
                    format!("Hello, {} & {}! {}", other.name, self.name, raw) + &c.to_string()
                }
            }

            fn main() { let m: HashMap<&str, u32> = HashMap::new(); println!("{:?} {}", m, 0x1F_u32 + 1_000); }
            """#),
        ("ruby", #"""
            # Pets <b> & "quotes"
            require 'json'

            class Pet < Struct.new(:name, :age)
              attr_reader :tags
              DEFAULTS = { name: 'Rex', age: 0 }.freeze

              def greet(other, loud: false)
                msg = "Hello #{other.name} & <#{name}>"
                @count += 1
                $stdout.puts(loud ? msg.upcase : msg) if msg =~ /hello/i
                text = <<~EOS
                  Heredoc with "quotes" & <tags>
                EOS
                text.empty? ? nil : text
              end
            end
            =begin
            Block comment <b>
            =end
            """#),
        ("php", #"""
            <?php
            declare(strict_types=1);

            namespace App;

            // Pets <script> & "quotes"
            final class Pet implements \JsonSerializable
            {
                public function __construct(private string $name, private int $age = 0) {}

                public function greet(Pet $other): string
                {
                    $msg = "Hello {$other->name} & <{$this->name}>"; # hash comment
                    $html = <<<HTML
                    <b>{$msg}</b>
                    HTML;
                    return $msg . '!' . $html;
                }
            }
            ?>
            <p>Trailing <b>HTML</b> & text</p>
            """#),
        ("lua", #"""
            -- Pets <script> & "quotes"
            local Pet = {}
            Pet.__index = Pet

            --[[ Block comment
                 with <tags> ]]
            function Pet.new(name, age)
              local self = setmetatable({}, Pet)
              self.name = name or 'Rex'
              self.age = age or 0x1F
              return self
            end

            function Pet:greet(other)
              local text = [==[Long "string" with ]] inside]==]
              print(string.format("Hello %s & <%s>!\n", other.name, self.name), #text, 1.5e3)
            end
            """#),
        ("sql", #"""
            -- Pets <report> & "quotes"
            CREATE TABLE IF NOT EXISTS pets (
              id BIGSERIAL PRIMARY KEY,
              name VARCHAR(100) NOT NULL DEFAULT 'O''Brien',
              "Owner Name" text,
              created_at TIMESTAMPTZ DEFAULT now()
            );
            select p.name, count(*) as total /* block <comment> */
            from pets p left join owners o on o.id = p.owner_id
            where p.age > 1.5 and p.name like '%<b>%' and p.id = @id and x = $1
            group by p.name order by total desc limit 10;
            """#),
        ("hcl", #"""
            # Infrastructure <main> & "quotes"
            terraform {
              required_version = ">= 1.5"
            }

            resource "aws_instance" "web" {
              ami           = "ami-${var.region}-<x>"
              instance_type = var.large ? "t3.large" : "t3.micro"
              count         = 2 // two
              tags = {
                Name = "web & api"
              }
              user_data = <<-EOT
                #!/bin/bash
                echo "hello <world>"
              EOT
            }
            /* block comment */
            """#),
        ("protobuf", #"""
            syntax = "proto3";
            package pets.v1; // Pets <api> & "quotes"

            import "google/protobuf/timestamp.proto";

            /* A pet. */
            message Pet {
              string name = 1;
              repeated string tags = 2 [deprecated = true];
              map<string, int32> scores = 3;
              oneof kind { string dog = 4; string cat = 5; }
            }

            service PetService { rpc GetPet(GetPetRequest) returns (stream Pet); }
            """#),
        ("graphql", #"""
            # Pets <schema> & "quotes"
            """
            A pet with a <name>.
            """
            type Pet implements Node @key(fields: "id") {
              id: ID!
              name(format: String = "plain"): String @deprecated(reason: "Use <title> & more")
              tags: [String!]!
            }

            query GetPet($id: ID!) { pet(id: $id) { ...PetFields } }
            """#),
        ("xml", #"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE pets SYSTEM "pets.dtd">
            <!-- Pets & "quotes" -->
            <pets xmlns:p="urn:pets" count='2'>
              <p:pet name="Rex &amp; Co" age=3 />
              <pet><![CDATA[<raw> & "text"]]></pet>
              <note>Ünïcödé 😀 &lt;escaped&gt;</note>
            </pets>
            """#),
        ("html", #"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Pets &amp; "Owners"</title>
              <style>body { font: 14px/1.5 sans-serif; } .a > b::before { content: "<x>"; }</style>
              <script type="module">if (a < b && c > d) { document.write("</p>"); }</script>
              <script type="application/json">{"a": [1, "<b>"]}</script>
            </head>
            <body class="home" data-x='{"y": 1}'>
              <p>Hello, <b>world</b> & friends!</p> <!-- comment -->
              <input disabled value=plain>
            </body>
            </html>
            """#),
        ("css", #"""
            /* Theme <main> & "quotes" */
            @import url("base.css");
            :root { --accent: #0a84ff; --gap: calc(1rem + 2px); }

            body > .page a[href^="http"]:not(.internal)::after {
              content: "\2197 <ext>";
              background: url(data:image/png;base64,iVBOR//w0KGgo=) no-repeat;
              margin: 0 auto -1.5em !important;
            }

            @media (max-width: 600px) { .nav { display: none; } }
            // scss line comment
            .btn { &:hover { color: rgba(0, 0, 0, .5); } }
            """#),
        ("diff", #"""
            diff --git a/Sources/App.swift b/Sources/App.swift
            index 1234567..89abcde 100644
            --- a/Sources/App.swift
            +++ b/Sources/App.swift
            @@ -1,4 +1,5 @@ struct App {
             let name = "<app>"
            -let old = "a & b"
            +let new = "a && b"
            +// added 'line'
             }
            \ No newline at end of file
            """#),
    ]
}

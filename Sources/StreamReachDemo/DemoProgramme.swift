// The programme `streamreach demo` simulates when no --programme is given, so the demo
// works from any folder and from an installed binary. A copy of
// Schedules/fruchthalle-2020.yaml; DemoProgrammeTests fails when the two differ (copy the
// file's text here again after editing it).
enum DemoProgramme {
    static let file = "Schedules/fruchthalle-2020.yaml"
    static let text = #"""
# Fruchthalle streams, Kaiserslautern, spring 2020.
#
# On record (city year review, press): Tuesday 24 March to Friday 15 May 2020, Tuesday to
# Friday at 17:00, one hour each, from the Fruchthalle; about 30 streams with more than 60
# performers; live on the agency's YouTube channel and Facebook page (going live ~16:50);
# rebroadcast by OK Kaiserslautern and OK54 Trier from late March and Nahe TV
# (Idar-Oberstein) from mid-April. The performers named below are on record.
#
# ILLUSTRATIVE (not public): which act played on which date, the genres given to acts,
# the second appearances, the acts marked "(illustrative)", the two days off (Good Friday
# 10 April, 1 May), the exact first days of the Offene Kanäle, and every stream id.
# The press calls it a seven-week programme; its dates span eight ISO weeks (W13–W20).

series:
  id: fruchthalle-2020
  title: Fruchthalle Streams
  venue: Fruchthalle Kaiserslautern
  time-zone: Europe/Berlin
  first-day: 2020-03-24
  # Eight, not the press's "seven weeks": Tue 24 March to Fri 15 May is seven weeks and
  # four days, and those dates fall into eight Monday-to-Sunday weeks (W13 to W20). Reports
  # count weeks that way, so week 1 is the short first week.
  weeks: 8
  target: 100000

slots:
  days: [tue, wed, thu, fri]
  days-off:                  # no stream on these (illustrative, see above)
    2020-04-10: Good Friday
    2020-05-01: Labour Day
  start-times: ["17:00"]
  hours: "16:00-20:00"
  default-duration: 1h

changeover:
  default: 15m
  by-kind:
    concert: 30m
    live-painting: 45m

# Kinds beyond the built-in concert, reading, cabaret, live-painting and talk.
kinds: [dj-set]

stages:
  - id: fruchthalle
    name: Fruchthalle, großer Saal

channels:
  - id: youtube
    name: YouTube (Digitalagentur)
    platform: youtube
  - id: facebook
    name: Facebook (Digitalagentur)
    platform: facebook
  - id: ok-kaiserslautern
    name: OK Kaiserslautern
    type: broadcast
    from: 2020-03-27
  - id: ok54-trier
    name: OK54 Trier
    type: broadcast
    from: 2020-03-27
  - id: nahe-tv
    name: Nahe TV (Idar-Oberstein)
    type: broadcast
    from: 2020-04-14

# Stage is omitted: a programme with one stage uses it. Duration is omitted: 1h, as above.
# Donations went to one account with one reference; the early ones were split equally among
# the performers (press). `streamreach payout` lists that split.
donations:
  currency: EUR
  payout: equal-split

events:
  - id: 2020-03-24-michael-halberstadt
    title: "Michael Halberstadt & Tebriz Xelilov"
    kind: concert
    genre: classical
    performers: [Michael Halberstadt, Tebriz Xelilov]
    start: 2020-03-24 17:00
    streams: {youtube: "krauJecXeGS", facebook: "1682675111267068"}
  - id: 2020-03-25-mon-mari-et-moi
    title: "Mon Mari et Moi"
    kind: concert
    genre: chanson
    performers: [Mon Mari et Moi]
    start: 2020-03-25 17:00
    streams: {youtube: "cESI8gbFKeo", facebook: "1148480114119890"}
  - id: 2020-03-26-sachiko-furuhata
    title: "Sachiko Furuhata & Kerstin Bachtler"
    kind: concert
    genre: classical
    performers: [Sachiko Furuhata, Kerstin Bachtler]
    start: 2020-03-26 17:00
    streams: {youtube: "KhRj9OEar7R", facebook: "1692378729407564"}
  - id: 2020-03-27-stephan-flesch
    title: "Stephan Flesch"
    kind: concert
    genre: singer-songwriter
    performers: [Stephan Flesch]
    start: 2020-03-27 17:00
    streams: {youtube: "MkRTwyYEG1j", facebook: "1302269595302657"}
  - id: 2020-03-31-monica-tomasi
    title: "Monica Tomasi & Tobias Languth"
    kind: concert
    genre: jazz
    performers: [Monica Tomasi, Tobias Languth]
    start: 2020-03-31 17:00
    streams: {youtube: "tdPSo3mdzaP", facebook: "1244962646130892"}
  - id: 2020-04-01-djulia
    title: "Djulia & Andreas Dengel"
    kind: concert
    genre: world music
    performers: [Djulia, Andreas Dengel]
    start: 2020-04-01 17:00
    streams: {youtube: "0cxdvI7bW0r", facebook: "1863059156803404"}
  - id: 2020-04-02-guenter-werno
    title: "Günter Werno & Manuel Lothschütz"
    kind: concert
    genre: rock/pop
    performers: [Günter Werno, Manuel Lothschütz]
    start: 2020-04-02 17:00
    streams: {youtube: "j3p2DVCgNvh", facebook: "1505709887268917"}
  - id: 2020-04-03-holger-wienpahl
    title: "Lesung: Holger Wienpahl"
    kind: reading
    performers: [Holger Wienpahl]
    start: 2020-04-03 17:00
    streams: {youtube: "IbKPbWFLiJR", facebook: "1803795287584295"}
  - id: 2020-04-07-vanecek-twins
    title: "Vanecek twins"
    kind: concert
    genre: classical
    performers: [Vanecek twins]
    start: 2020-04-07 17:00
    streams: {youtube: "_nvB3GkMfCe", facebook: "1129956345673300"}
  - id: 2020-04-08-roderick-haas
    title: "Roderick Haas"
    kind: dj-set
    genre: electronic
    performers: [Roderick Haas]
    start: 2020-04-08 17:00
    streams: {youtube: "bRYJWCYhekY", facebook: "1467252307182938"}
  - id: 2020-04-09-katrin-wilking
    title: "Katrin Wilking"
    kind: concert
    genre: jazz
    performers: [Katrin Wilking]
    start: 2020-04-09 17:00
    streams: {youtube: "3WjVGP_9khv", facebook: "1619562903839567"}
  - id: 2020-04-14-kai-schumacher
    title: "Kai Schumacher"
    kind: concert
    genre: contemporary
    performers: [Kai Schumacher]
    start: 2020-04-14 17:00
    streams: {youtube: "jrxBwxvoIEv", facebook: "1285693356550832"}
  - id: 2020-04-15-usafe-band-trio
    title: "USAFE Band trio"
    kind: concert
    genre: jazz
    performers: [USAFE Band trio]
    start: 2020-04-15 17:00
    streams: {youtube: "c0giXqPK4zn", facebook: "1180596113736439"}
  - id: 2020-04-16-die-untiere
    title: "Kabarett: Die Untiere"
    kind: cabaret
    performers: [Die Untiere]
    start: 2020-04-16 17:00
    streams: {youtube: "JEZbzjxlKVl", facebook: "1810748822907316"}
  - id: 2020-04-17-marc-keim
    title: "Marc Keim"
    kind: dj-set
    genre: electronic
    performers: [Marc Keim]
    start: 2020-04-17 17:00
    streams: {youtube: "y9DpkmUwoQf", facebook: "1860254245303435"}
  - id: 2020-04-21-live-painter
    title: "Live painting with auction"
    kind: live-painting
    performers: [Live painter (illustrative)]
    start: 2020-04-21 17:00
    streams: {youtube: "LLYAFXCR7He", facebook: "1755372288236251"}
  - id: 2020-04-22-culture-office
    title: "Kulturgespräch: culture in lockdown"
    kind: talk
    performers: [Culture office (illustrative)]
    start: 2020-04-22 17:00
    streams: {youtube: "KAFjQAp21gf", facebook: "1149147620002986"}
  - id: 2020-04-23-hip-hop-act
    title: "Hip-hop live"
    kind: concert
    genre: hip-hop
    performers: [Hip-hop act (illustrative)]
    start: 2020-04-23 17:00
    streams: {youtube: "04Yzk0tJc5z", facebook: "1322625857326596"}
  - id: 2020-04-24-die-untiere
    title: "Kabarett: Die Untiere"
    kind: cabaret
    performers: [Die Untiere]
    start: 2020-04-24 17:00
    streams: {youtube: "u2fXUUNv-PT", facebook: "1333373292204995"}
  - id: 2020-04-28-holger-wienpahl
    title: "Lesung: Holger Wienpahl"
    kind: reading
    performers: [Holger Wienpahl]
    start: 2020-04-28 17:00
    streams: {youtube: "ZB2iVcVisWQ", facebook: "1751069568335205"}
  - id: 2020-04-29-michael-halberstadt
    title: "Michael Halberstadt & Tebriz Xelilov"
    kind: concert
    genre: classical
    performers: [Michael Halberstadt, Tebriz Xelilov]
    start: 2020-04-29 17:00
    streams: {youtube: "kw2ed28fNu8", facebook: "1316965312533668"}
  - id: 2020-04-30-monica-tomasi
    title: "Monica Tomasi & Tobias Languth"
    kind: concert
    genre: jazz
    performers: [Monica Tomasi, Tobias Languth]
    start: 2020-04-30 17:00
    streams: {youtube: "PdRZMl81Bql", facebook: "1839519271152624"}
  - id: 2020-05-05-live-painter
    title: "Live painting with auction"
    kind: live-painting
    performers: [Live painter (illustrative)]
    start: 2020-05-05 17:00
    streams: {youtube: "D5GIq1nVaQU", facebook: "1293961277907491"}
  - id: 2020-05-06-roderick-haas
    title: "Roderick Haas"
    kind: dj-set
    genre: electronic
    performers: [Roderick Haas]
    start: 2020-05-06 17:00
    streams: {youtube: "uNgcqlF_6X_", facebook: "1374735430179915"}
  - id: 2020-05-07-sachiko-furuhata
    title: "Sachiko Furuhata & Kerstin Bachtler"
    kind: concert
    genre: classical
    performers: [Sachiko Furuhata, Kerstin Bachtler]
    start: 2020-05-07 17:00
    streams: {youtube: "G8nVYbNyOJ5", facebook: "1900392039317945"}
  - id: 2020-05-08-kai-schumacher
    title: "Kai Schumacher"
    kind: concert
    genre: contemporary
    performers: [Kai Schumacher]
    start: 2020-05-08 17:00
    streams: {youtube: "uNGQ6motQm6", facebook: "1159819722273662"}
  - id: 2020-05-12-culture-office
    title: "Kulturgespräch: culture in lockdown"
    kind: talk
    performers: [Culture office (illustrative)]
    start: 2020-05-12 17:00
    streams: {youtube: "QBmV_8_O8qE", facebook: "1164079561480391"}
  - id: 2020-05-13-marc-keim
    title: "Marc Keim"
    kind: dj-set
    genre: electronic
    performers: [Marc Keim]
    start: 2020-05-13 17:00
    streams: {youtube: "BUk474-rBTI", facebook: "1647119237030851"}
  - id: 2020-05-14-djulia
    title: "Djulia & Andreas Dengel"
    kind: concert
    genre: world music
    performers: [Djulia, Andreas Dengel]
    start: 2020-05-14 17:00
    streams: {youtube: "74oA02uMbfU", facebook: "1036815552379571"}
  - id: 2020-05-15-guenter-werno
    title: "Günter Werno & Manuel Lothschütz"
    kind: concert
    genre: rock/pop
    performers: [Günter Werno, Manuel Lothschütz]
    start: 2020-05-15 17:00
    streams: {youtube: "QX9bNnTCGuU", facebook: "1440493204707582"}
"""#
}

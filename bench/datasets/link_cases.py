"""Labelled links: lookalikes of several brand domains, real phishing hosts, popular sites, internal addresses.

- cases(): lookalikes from dnstwist used as a library (no DNS lookups), sampled per fuzzer, plus token
  reorders, brand-in-subdomain and brand-plus-words cases dnstwist does not make; legitimate links:
  official subdomains and paths, government, news and reference sites, partners, unrelated popular sites.
- real_phish_cases(): real phishing hosts from the Phishing.Database project
  (Phishing-Database/Phishing.Database, phishing-domains-ACTIVE, MIT licence), 28 brands none of which
  is in the shared dev set; picked by brand name (exact, or one edit away for brands that are not
  everyday words), with a fixed seed, label noise included. Accounts carry only what real accounts
  carry: official domains and a handle, no brand_terms.
- popular_cases(): registrable domains of the Alexa top 3,000 (as published in luckyyang/ENS-fork-0)
  that are NOT in the link check's own popularity list, so the rules alone must leave them alone.
- internal_cases(): links to internal addresses in the spellings sockets and browsers accept.
"""
from __future__ import annotations

import random

import dnstwist

BRANDS = {
    "acme-air.com": {"display_name": "Acme Air", "brand_terms": ["Acme Air"], "allowed_domains": ["flightaware.com"]},
    "equifaxsecurity2017.com": {"display_name": "Equifax", "brand_terms": ["Equifax"], "extra_official": ["equifax.com"]},
    "paypal.com": {"display_name": "PayPal", "brand_terms": ["PayPal"]},
    "northwindbank.co.uk": {"display_name": "Northwind Bank", "brand_terms": ["Northwind"]},
    "contoso-travel.com": {"display_name": "Contoso Travel", "brand_terms": ["Contoso"]},
}
PER_FUZZER = 6
LEGIT_THIRD_PARTY = [
    "faa.gov/travelers", "www.tsa.gov/travel", "travel.state.gov/content/passports", "www.gov.uk/foreign-travel-advice",
    "www.nhs.uk/conditions", "en.wikipedia.org/wiki/Airline", "www.bbc.co.uk/news/business", "www.nytimes.com/section/travel",
    "apnews.com/hub/travel", "www.reuters.com/business/aerospace-defense", "www.weather.gov", "www.cdc.gov/travel",
    "www.who.int/travel-advice", "www.youtube.com/watch?v=dQw4w9WgXcQ", "github.com/acme/status", "www.iata.org/en/youandiata",
    "www.amazon.com/dp/B08N5WRWNW", "open.spotify.com/playlist/37i9dQZF1DX", "www.instagram.com/p/Cx1", "www.linkedin.com/jobs",
    "www.tripadvisor.com/Airline_Review", "www.booking.com/hotel/pt/lisbon", "www.ox.ac.uk/admissions", "www.harvard.edu",
    "www.metoffice.gov.uk/weather", "www.lonelyplanet.com/portugal", "www.timeout.com/lisbon", "www.unicef.org/emergencies",
    "www.redcross.org/donate", "www.nationalgeographic.com/travel", "www.theguardian.com/travel", "edition.cnn.com/travel",
    "www.npr.org/sections/travel", "www.espn.com/nfl", "www.nba.com/games", "www.fifa.com/worldcup", "www.imdb.com/title/tt0111161",
    "www.etsy.com/shop/handmade", "medium.com/@writer/post", "www.eventbrite.com/e/launch-party", "www.ticketmaster.com/concert",
    "www.opentable.com/r/lisbon", "www.yelp.com/biz/cafe", "www.starbucks.com/menu", "www.nasa.gov/eclipse",
]


def _sample_permutations(domain: str, r: random.Random) -> list[tuple[str, str]]:
    fuzzer = dnstwist.Fuzzer(domain, dictionary=["login", "secure", "refund", "refunds", "help", "support", "account", "verify"],
                             tld_dictionary=["net", "org", "co", "io", "info", "co.uk", "app", "online"])
    fuzzer.generate()
    by_kind: dict[str, list[str]] = {}
    for p in fuzzer.permutations():
        if p["fuzzer"] != "*original":
            by_kind.setdefault(p["fuzzer"], []).append(p["domain"])
    out = []
    for kind, names in sorted(by_kind.items()):
        for name in r.sample(sorted(names), min(PER_FUZZER, len(names))):
            out.append((kind, name))
    return out


def _extra_lookalikes(domain: str, info: dict) -> list[tuple[str, str]]:
    label, _, suffix = domain.partition(".")
    from gatekeeper.checks.links.domains import _tokens

    tokens = _tokens(label)
    out = []
    if len(tokens) > 1:
        for i in range(1, len(tokens)):
            swapped = tokens[i:] + tokens[:i]
            out.append(("token-reorder", "".join(swapped) + "." + suffix))
            out.append(("token-reorder", "-".join(swapped) + "." + suffix))
    brand_word = "".join(c for c in info["brand_terms"][0].lower() if c.isalnum())
    out += [("brand-in-subdomain", f"{domain}.refund-center.net"), ("brand-in-subdomain", f"{label}.secure-login.com"),
            ("brand-in-subdomain", f"www.{domain}.account-verify.info"), ("brand-plus-words", f"{brand_word}-refunds.com"),
            ("brand-plus-words", f"{brand_word}support.net"), ("brand-plus-words", f"my{brand_word}login.com"),
            ("brand-plus-words", f"{label}-customer-care.org")]
    return out


def cases(seed: int = 2017) -> list[dict]:
    r = random.Random(seed)
    out = []
    for domain, info in BRANDS.items():
        account = {"official_domains": [domain] + info.get("extra_official", []), "display_name": info["display_name"],
                   "brand_terms": info["brand_terms"], "allowed_domains": info.get("allowed_domains", [])}
        for kind, name in _sample_permutations(domain, r) + _extra_lookalikes(domain, info):
            path = r.choice(["", "/login", "/refund?id=123", "/help/bags", "/claim"])
            out.append({"link": name + path, "account": account, "lookalike": True, "kind": kind, "brand": domain})
        for sub in ("www", "help", "m", "news", "careers"):
            out.append({"link": f"https://{sub}.{domain}/" + r.choice(["", "deals", "faq"]), "account": account, "lookalike": False, "kind": "official", "brand": domain})
        for link in r.sample(LEGIT_THIRD_PARTY, 20):
            out.append({"link": "https://" + link, "account": account, "lookalike": False, "kind": "third-party", "brand": domain})
        for partner in info.get("allowed_domains", []):
            out.append({"link": f"https://{partner}/live", "account": account, "lookalike": False, "kind": "partner", "brand": domain})
    return out


# official domain, phishing host (Phishing.Database, MIT)
REAL_PHISH = """
usps.com usps.com-tracking-helpszu.cc
usps.com usps.com-trackjjc.top
usps.com usps.com-trackhys.top
usps.com usps.com-tracking-helpsaz.cc
usps.com usps.com-trackfek.top
usps.com usps.com-tracking-helpsag.cc
usps.com usps.com-trackibl.top
usps.com usps.com-trackecf.top
usps.com usps.com-trackadenx.top
usps.com usps.com-trackyto.top
trezor.io trezor-io-login-en.typedream.app
trezor.io trezor-suit-information.pages.dev
trezor.io sso-trezor-bridge-us.pages.dev
trezor.io trezorr-io-strrt.pages.dev
trezor.io support-trezor-bridge-eng.pages.dev
trezor.io secure-web-trezorio.typedream.app
trezor.io trezor-logon-x-acces.pages.dev
trezor.io trezor--bridge--people.pages.dev
trezor.io startrezoriousert.webflow.io
trezor.io trezor-login---connecting-safe-trezor.webflow.io
trezor.io webs-logie--trezoor.webflow.io
trezor.io trezoiharwalt.webflow.io
trezor.io trzor-wollet-il.webflow.io
ledger.com support-startledgercom.teachable.com
ledger.com start---ledgercom-cdn.teachable.com
ledger.com start-ledger-wolmin-auth.webflow.io
ledger.com support-docs-ledgers.webflow.io
ledger.com start-ledger-live-login-us.pages.dev
ledger.com us-app-ledger-live-login.pages.dev
ledger.com wallet---app--ledger.webflow.io
ledger.com wallet-livealedgere.webflow.io
ledger.com support-lledgerstart.webflow.io
ledger.com support-enledger-us-helpq.teachable.com
ledger.com trezor-ledgr-bridge.pages.dev
ledger.com support---docstop-ldger.webflow.io
ledger.com start---ledgyr-m--auth.webflow.io
coinbase.com sso---coinbasepro---cdn--x--uuth.webflow.io
coinbase.com web-extn-coinbase-com.webflow.io
coinbase.com sso-secure-en-coinbasepro--x--oauth.webflow.io
coinbase.com web-coinbasepro.daftpage.com
coinbase.com support-ofcoinbase-servicemember.codeanyapp.com
coinbase.com your-sso-coinbase-autth-m-auth.webflow.io
coinbase.com see-coinbasepro-logginn.webflow.io
coinbase.com wallet-coinbase-com.typedream.app
coinbase.com sso-auth-coinbase-live-auth-cor.typedream.app
coinbase.com sso-coinbase-pro-login.pages.dev
coinbase.com sso--e-coinbaesepro--cdn-x--auth.webflow.io
coinbase.com sso-coinbse-x-s-auth.typedream.app
coinbase.com us-en-coinnbase-strt.pages.dev
tiktok.com tiktoksshops.org
tiktok.com tiktokgg1.shop
tiktok.com tiktokmbuy.com
tiktok.com tiktok-vmall.com
tiktok.com tiktok.shop123.xyz
tiktok.com tiktok.dingdongshop.org
tiktok.com tiktokmallgvn.com
tiktok.com tiktok145.shop
tiktok.com tiktok.mall-iz.shop
tiktok.com tiktok57.com
tiktok.com tiktoeghjg.com
tiktok.com tiktk.cc
tiktok.com tikttokgods.com
telstra.com.au telstraaawebmailaccount.weebly.com
telstra.com.au smtptelstrawebmailtelstraswiftwebmailviewswifts.framer.website
telstra.com.au telstrarenewwebmaillll.weebly.com
telstra.com.au telstramailservicess.framer.website
telstra.com.au telstrareactivatingoptimization.framer.website
telstra.com.au telstra-105309.weeblysite.com
telstra.com.au telstrareactivationcommunicationlaustralia.framer.website
telstra.com.au swiftsmtpmailtelstrawebmailtelstrawebmail.weebly.com
telstra.com.au telstraaaaaawebmailler2.weebly.com
telstra.com.au smtptelstrawebmailplusviewswifts.framer.website
telstra.com.au telstrraaaauserssss.weebly.com
telstra.com.au tesltralonlinecentres.weebly.com
telstra.com.au testraaaaa1111.weebly.com
amazon.com sales-man-update.s3-website-us-east-1.amazonaws.com
amazon.com s3.us-west-2.amazonaws.com
amazon.com s3-ap-northeast-1.amazonaws.com
amazon.com wamazon.online
amazon.com safe-recover.s3.us-east-1.amazonaws.com
amazon.com s3-ap-southeast-2.amazonaws.com
amazon.com s3.dualstack.us-west-2.amazonaws.com
amazon.com s3.ap-northeast-3.amazonaws.com
amazon.com secureaccess-point.s3.us-east-2.amazonaws.com
amazon.com safeurl-amazon-us.com
spotify.com spotifyloginpage.netlify.app
spotify.com spotify-ui-clone-537a33.netlify.app
spotify.com spotifyclone-weld.vercel.app
spotify.com spotify-clone-two-pi.vercel.app
spotify.com spotifyupdatesettings.netlify.app
spotify.com spotifydd.com
spotify.com spotifypremium.is
spotify.com spotify-clone-git-main-gouravpansejas-projects.vercel.app
spotify.com spotify-theta-navy.vercel.app
spotify.com spotifyopin4.netlify.app
spotify.com spotfyx.com
spotify.com spotifepro.com
spotify.com spotfiy.click
apple.com satisfied-pineapple-531901.framer.app
apple.com sympathetic-pineapples-164576.framer.app
apple.com supporte-app-ledgrre.webflow.io
apple.com soporte-app-legalidad-disponible.github.io
apple.com support-app-ledgrrdesktop.webflow.io
apple.com secure.store-apple.uhv456.com
apple.com secure-apps-app-ledegr.webflow.io
apple.com wallet---app--ledger.webflow.io
apple.com www-apple.mchs99.com
apple.com support-app-ledgr.github.io
zimbra.com zimbra-blue.vercel.app
zimbra.com zimbra-mailclient-639529973445.netlify.app
zimbra.com zimbra-mail-login.pages.dev
zimbra.com zimbra-836b-baa13ec7560e-3a9711-webos.netlify.app
zimbra.com zimbra.attollo.com.au
zimbra.com zimbra-serilon-com-br.netlify.app
zimbra.com zimbra-nine.vercel.app
zimbra.com zimbra-mailclient-659876.netlify.app
zimbra.com zimbra-webclient-08974342341.netlify.app
zimbra.com zim-bra-77587fde3900-web-mail.netlify.app
zimbra.com zimbr-web-client-auth.netlify.app
zimbra.com zirmbra.duckdns.org
zimbra.com zimbauthentica.pages.dev
uniswap.org uniswap.org.in
uniswap.org swaptrad.net.uniswap-trade.net
uniswap.org uniswap-app.to
uniswap.org uniswap-clone-psi.vercel.app
uniswap.org uni-swap-protocols.pages.dev
uniswap.org uniswap-v2.vercel.app
uniswap.org uniswap.www.org
uniswap.org uniswapng.com
uniswap.org uniswap.cp0x.com
uniswap.org uniswap-interface-uniswap.vercel.app
uniswap.org unisvap.cc
uniswap.org unisvap.pro
uniswap.org uniswpl.cc
orange.fr silly-orange-cerqvgddbo-vvncmt51b0.edgeone.dev
orange.fr service-orange1.godaddysites.com
orange.fr weborange.godaddysites.com
orange.fr weloveyou.orange-maroc.net
orange.fr servicemailorange17.wixsite.com
orange.fr servicemail-orange9.wixsite.com
orange.fr servicemailorange6.wixsite.com
orange.fr servicemailorangev.wixsite.com
orange.fr voiceorange.weebly.com
orange.fr smsorange.godaddysites.com
facebook.com www-facebooks.com.vn
facebook.com sahir-facebook-clone.vercel.app
facebook.com zh-facebook.github.io
facebook.com www-facebook-com-share-memes-1829839408490847.vercel.app
facebook.com shop.facebooks3.shop
facebook.com safetyfacebook2022.wixsite.com
facebook.com userfacebook.ddns.net
facebook.com support-validations-business-with-facebook-id100031317857.vercel.app
facebook.com safefacebooklogin.herokuapp.com
facebook.com support-validations-business-with-facebook-id100060992417.vercel.app
itau.com.br terzoersuitauth.webflow.io
itau.com.br sso--cdn---coinbasepro-visit-auth.webflow.io
itau.com.br sso-bybit--authh.webflow.io
itau.com.br sacitaucard.com
itau.com.br sso--m--bybit---auths.webflow.io
itau.com.br sacitausecurity.atsnx.com
itau.com.br servicos30h-itau-id046541-gbh8cecchvbtangw.brazilsouth-01.azurewebsites.net
itau.com.br sac.cliente-itau.online
itau.com.br sso-cdn----coinbasepro--visit-auth.webflow.io
itau.com.br steamfaceit-auth.com
wellsfargo.com ww-wellsfargo.pages.dev
wellsfargo.com wells-fargo-bank.godaddysites.com
wellsfargo.com wellsfargobanklogin4.godaddysites.com
wellsfargo.com wellsfargo00connectweb.vercel.app
wellsfargo.com wellsfargo.alumni-stage.com
wellsfargo.com wellsfargo-portal-test.bluematrix.com
wellsfargo.com wells-fargo-verification.help
wellsfargo.com wellsfargo-secureportal-auth-support-login.ikorta-agro.ge
wellsfargo.com wellsfrg-oscc.github.io
roblox.com www-roblox-com-frr-users-6048717178.vercel.app
roblox.com wwww-roblox.com.ru
roblox.com vwww-roblox.com.ru
roblox.com vip-r0blox.netlify.app
roblox.com wwv-robiox.com
roblox.com www-rooblox.com
netflix.com secure-netflix.vercel.app
netflix.com vishwa-netflix-clone.pages.dev
netflix.com secure-netflix-verify.com
netflix.com support-netflix.ru
netflix.com verify-netflix.help
netflix.com support-netflix-signup.com
netflix.com streamify-netflix-clone-git-master-itzsleepyys-projects.vercel.app
sparkasse.de sparkasse.jetzt-start.de
sparkasse.de sparkasse.secure-aktualisierung.de
sparkasse.de sparkasse.pf-bereich.de
sparkasse.de sparkasse.uns-prozess.de
sparkasse.de sparkasse-de.firebaseapp.com
sparkasse.de sparkasse-tan-aktualisierung.de
sparkasse.de sparkasse.tansecure.de
chase.com secure-chase-com.wasmer.app
chase.com security-chase.servehttp.com
chase.com securechaseportal.help
chase.com segyeong-hi-tech-co-ltd-purchase-or.vercel.app
chase.com sturgischasetheace.com
instagram.com sanketpatilvotinginstagram.blogspot.ba
instagram.com voteinstagram127373.blogspot.com
instagram.com www-instagram-com-seven.vercel.app
instagram.com verify-instagram-connection.vercel.app
instagram.com xj-instagram.vercel.app
microsoft.com teams.microsoft-en.live
microsoft.com servicesagreement.microsoftonilne.ru
microsoft.com webmailmicrosoftupdate.weebly.com
microsoft.com sharepoint-microsoft.sykescottages.workers.dev
outlook.com sbk-asi-chvalidaeuoutlookofficecommailinboxidaakalga.agape.org.bd
outlook.com verify-owas356-outlooks365.web.app
outlook.com serviceoutlook-hotmail.weebly.com
outlook.com xcweoutlook.weebly.com
outlook.com validating-outlook-mailbox-webmail.weebly.com
telegram.org special-telegram-eosin.vercel.app
telegram.org telegramid--alirezarajabi4.toondarr11.workers.dev
telegram.org sarahh.telegramgirl.asia
telegram.org ton-telegram.network
telegram.org skelegram.com
telegram.org telegra.ph
telegram.org telegrafonline.com
paypal.com xn--paypalgebhrenrechner-xec.de
paypal.com service-paypal.link
paypal.com verifypaypalpasswortlive.com
paypal.com sanjaypal04.github.io
paypal.com swisspost.pay-platform.net
naver.com tunaveref.vercel.app
naver.com webmailnaverlogin.vercel.app
naver.com solinaver-dupivanko.pages.dev
naver.com signinnaverkhgfrdjhugyfd5ghgyt.vercel.app
swisscom.ch swisscom.cfd
swisscom.ch webmailerswisscom.wixsite.com
swisscom.ch webmailswisscom1.wixsite.com
swisscom.ch swisscom-ch.sbs
kraken.com secure-eng-kraken-com.pages.dev
kraken.com secure-kraken-cdn-auth.pages.dev
kraken.com web-krakenio.created.app
opensea.io support-login-opensea.pages.dev
opensea.io v2-o-p-e-n-s-e-a.com
opensea.io support-open-sea-login-io.pages.dev
opensea.io worker-broken-sea-9226.nan1-romero.workers.dev
"""

POPULAR_UNPROTECTED = """
01net.com 104.com.tw 123movies.domains 178.com 1xbet.com 24h.com.vn 2conv.com 4399.com 53.com.cn 6.cn 9978.cn
aa.com.tr abola.pt abs-cbn.com academic.ru activecampaign.com addthis.com afreecatv.com airbnb.ca ajel.sa
alarab.com alc.co.jp all-free-download.com almaany.com almubasher.com.sa amarujala.com ameritrade.com
analdin.com anyxxx.pro askubuntu.com asriran.com atmarkit.co.jp bag.tmall.com bancobai.ao banesco.com
banma.com bershka.tmall.com biggo.com.tw biobiochile.cl blog.jp bludwan.com blueberryred.com boc.cn
book118.com bukalapak.com buy.tmall.com buzzorange.com c-sharpcorner.com ca168.com cabbeen.tmall.com caf.fr
careerbuilder.com casicloud.com cb01.productions cbbp1.com cbs.com ceconline.com centrum24.pl championat.com
channelmyanmar.org chaoshi.tmall.com chinaz.com chosun.com chouftv.ma christian-dogma.com cic.fr city-data.com
cjl58f3agc.com clipconverter.cc clk2win.com cnbcindonesia.com cnblogs.com codecademy.com cointelegraph.com
collinsdictionary.com colourpop.com com-shield.live comandotorrents.com comicbook.com commentcamarche.net
commerzbank.de content.tmall.com cutestat.com dafont.com dai.tmall.com daily.co.jp dailypakistan.com.pk
dailypost.ng dcinside.com delgarm.com deskgram.net di1cypri.ru diariolibre.com disney.go.com dizibox.pw
docin.com drive2.ru ebc.net.tw ebrun.com el-nacional.com eland.tmall.com elconfidencial.com eleconomista.es
elespanol.com elo7.com.br elsalvador.com epwk.com eroterest.net evolife.cn exhentai.org extendoffice.com
extreme-down.xyz eztv.io fanfiction.net fararu.com farpost.ru fbdown.net filimo.com film2movie.ws filmix.co
finn.no firestorage.jp fishki.net fitgirl-repacks.site fivethirtyeight.com fnn.jp folha.uol.com.br
foodnetwork.com fotostrana.ru fragrantica.com freemake.com freepik.es fullhdfilmizlesene.net g2a.com
gainreel.tmall.com gameforge.com gamepedia.com gamer.com.tw getawesome2.com getcourse.ru givemesport.com
gloyah.net goibibo.com gome.com.cn goodgamestudios.com googleblog.com googletraveladservices.com gridoto.com
gsis.gr gtmetrix.com gumtree.com.au haber7.com haberler.com habr.com hackerrank.com haosou.com hapitas.jp
hatenablog.com hbonow.com hesport.com hexun.com hipwee.com hitomi.la hjenglish.com hkgolden.com hochi.news
homes.co.jp hotfiesta.tv howtogeek.com huanqiu.com hujiang.com hwcdn.net ibps.in icook.tw idnes.cz ig.com.br
igg-games.com ih5.cn imagefap.com imis.tmall.com immobilienscout24.de imore.com indosport.com itmedia.co.jp
iwanttodeliver.com jackjones.tmall.com jagonews24.com jalan.net jamnews.com japannetbank.co.jp javatpoint.com
jiameng.com jiji.com jin115.com jkforum.net jobkorea.co.kr jogos360.com.br joqalbania.com jrj.com.cn
kaskus.co.id kerala.gov.in khabarfarsi.com khmerload.com klikbca.com kotobank.jp labirint.ru lamoda.ru
lanacion.com.ar laptopmag.com leo.org lequipe.fr leroymerlin.ru licindia.in liepin.com lifo.gr linguee.fr
linternaute.com liquipedia.net listindiario.com livedoor.jp login.tmall.com lonelyplanet.com ltn.com.tw
lun.com lynda.com mabanque.bnpparibas majhinaukri.in malavida.com manganelo.com maranhesduve.club
mathrubhumi.com mbank.pl medu.ir mejortorrentt.org mergedocsnow.com momoshop.com.tw moneysmart.id
mosaiquefm.net motorplus-online.com movieweb.com mptentry.com multitran.com myfreecams.com myhome.tmall.com
mynet.com mytedata.net nanxie.tmall.com narcity.com netbk.co.jp new3c.tmall.com newsnow.co.uk
newstracklive.com newtalk.tw nghmaty.com niniban.com ntv.com.tr oa.com obozrevatel.com ojooo.com onliner.by
oricon.co.jp otomoto.pl pagesjaunes.fr pagseguro.uol.com.br paisabazaar.com panorama.com.al pantip.com
payoneer.com pch.com perfectgirls.net php.net planetminecraft.com plurk.com podio.com popdaily.com.tw porn.com
pornhubpremium.com porno666.net pornolab.net ppomppu.co.kr pravda.com.ua pressreader.com privat24.ua
probuilds.net propdfconverter.com prothomalo.com proxysite.com publinews.gt pulzo.com quintag.com rakuten-
sec.co.jp readms.net redlink.com.ar reverb.com ria.com ria.ru rikunabi.com rokna.net romedy.pro sahamyab.com
sakshi.com sanook.com saramin.co.kr sbicard.com scielo.br scol.com.cn seasonvar.ru serving-sys.com shopee.tw
sina.com.tw sindonews.com sinogoodies.hk skillshare.com skroutz.gr smbc-card.com snapdeal.com softpedia.com
soso.com spanishdict.com spankwire.com sportbible.com ss.com ssc.nic.in storage.googleapis.com stps.gob.mx
strpjmp.com study.com suara.com subject.tmall.com submarino.com.br sucuri.net takvim.com.tr tamildhool.com
tamin.ir tanja24.com tass.ru techrepublic.com tecmundo.com.br teespring.com televisionfanatic.com thechive.com
thehansindia.com thenewslens.com theqoo.net thestandnews.com thewhizmarketing.com thewhizproducts.com
threegun.tmall.com tianyancha.com tistory.com toapodazoay.com tokyomotion.net tpsl-india.in trendingnow.video
tribune.com.pk tripadvisor.it tripsavvy.com tube8.com tudou.com tuko.co.ke tvguide.com txxx.com udacity.com
udg.mx uod2quk646.com uptobox.com urechar.com vanpeople.com verajohn.com vexacion.com vietnamnet.vn vmall.com
vov.vn vseigru.net vtv.vn vultr.com watchcartoononline.io wease.im wtoip.com www.gov.cn xbombo.com xdf.cn
xiaoman.cn xinhuanet.com xm.com xtube.com xtx6.com y2mate.com yallakora.com yeniakit.com.tr yenicag.az
yenisafak.com yesky.com yespornplease.com yournewtab.com yoursportspot.com ytmp3.cc zhaket.com zhaopin.com
zoomit.ir
"""

# Handles as the brands write them on X; used with the official domain, as the real accounts are.
HANDLES = {"usps.com": "@USPS", "trezor.io": "@Trezor", "ledger.com": "@Ledger", "coinbase.com": "@coinbase",
           "tiktok.com": "@tiktok_us", "telstra.com.au": "@Telstra", "amazon.com": "@amazon", "spotify.com": "@Spotify",
           "apple.com": "@Apple", "zimbra.com": "@Zimbra", "uniswap.org": "@Uniswap", "orange.fr": "@orange",
           "facebook.com": "@facebook", "itau.com.br": "@itau", "wellsfargo.com": "@WellsFargo", "roblox.com": "@Roblox",
           "netflix.com": "@netflix", "sparkasse.de": "@sparkasse", "chase.com": "@Chase", "instagram.com": "@instagram",
           "microsoft.com": "@Microsoft", "outlook.com": "@Outlook", "telegram.org": "@telegram", "paypal.com": "@PayPal",
           "naver.com": "@NAVER_official", "swisscom.ch": "@Swisscom_de", "kraken.com": "@krakenfx", "opensea.io": "@opensea"}


def _account(official: str) -> dict:
    return {"official_domains": [official], "handle": HANDLES.get(official, "@" + official.split(".")[0])}


def real_phish_cases() -> list[dict]:
    out = []
    for line in REAL_PHISH.strip().splitlines():
        official, host = line.split()
        out.append({"link": "https://" + host + "/", "account": _account(official), "brand": official})
    return out


def popular_cases() -> list[dict]:
    """Each popular domain posted from every brand account above (a real account links to other sites)."""
    accounts = [_account(official) for official in HANDLES]
    accounts += [{"official_domains": [d] + info.get("extra_official", []), "handle": "@" + info["display_name"].replace(" ", ""),
                  "brand_terms": info["brand_terms"]} for d, info in BRANDS.items()]
    return [{"link": f"https://{domain}/", "account": account, "brand": account["official_domains"][0]}
            for domain in POPULAR_UNPROTECTED.split() for account in accounts
            if not any(domain == o or domain.endswith("." + o) for o in account["official_domains"])]


def internal_cases(port: int = 80) -> list[str]:
    """Links to 127.0.0.1 (on `port`) and other internal addresses, written every way a socket or browser reads them."""
    loopback = [f"http://127.1:{port}/", f"http://2130706433:{port}/", f"http://0x7f000001:{port}/",
                f"http://0177.0.0.1:{port}/", f"http://0x7f.0.0.1:{port}/", f"http://0X7F.1:{port}/",
                f"http://[::ffff:127.0.0.1]:{port}/", f"http://[::ffff:7f00:1]:{port}/", f"http://127.0.0.1.:{port}/",
                f"http://%31%32%37.0.0.1:{port}/", f"http://user@127.0.0.1:{port}/", f"http://127.000.000.001:{port}/",
                f"http://017700000001:{port}/", f"http://127.0.1:{port}/", f"http://localhost.:{port}/admin",
                f"http://LOCALHOST:{port}/", f"http://evil.example\\@127.0.0.1:{port}/", f"http://１２７.０.０.１:{port}/",
                f"http://0:{port}/", f"http://0.0.0.0:{port}/", f"http://[::]:{port}/", f"http://[::1]:{port}/",
                f"http://[0:0:0:0:0:ffff:7f00:1]:{port}/", f"http://127.0.0.1%2E:{port}/"]
    elsewhere = ["http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/",
                 "http://metadata.google.internal/computeMetadata/v1/", "http://0xa9fea9fe/", "http://2852039166/",
                 "http://10.0.0.5/", "http://10.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/",
                 "http://[fe80::1%25eth0]/", "http://[fc00::1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::]/",
                 "http://intranet/", "http://jira.corp/", "http://printer.local/", "http://router.lan/"]
    return loopback + elsewhere
